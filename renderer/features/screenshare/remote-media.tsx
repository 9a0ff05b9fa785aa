import { useEffect, useRef } from 'react';
import type { MediaTrackLike } from '../../../src/client/screenshare/peer-ports';

/** The other side's voice: always playing, never muted (a muted element would not be heard, nor measured). */
export function RemoteAudio({ tracks }: { tracks: readonly MediaTrackLike[] }) {
  const audio = useRef<HTMLAudioElement>(null);
  const audioTracks = tracks.filter((track) => track.kind === 'audio');
  useStream(audio, audioTracks);
  return <audio ref={audio} autoPlay data-remote-audio />;
}

/** The other side's shared screen, as large as its box allows. */
export function RemoteScreen({ tracks, label }: { tracks: readonly MediaTrackLike[]; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const videoTracks = tracks.filter((track) => track.kind === 'video');
  useStream(video, videoTracks);
  return <video ref={video} className="screenshare-video" autoPlay playsInline muted aria-label={label} />;
}

function useStream(element: React.RefObject<HTMLMediaElement | null>, tracks: readonly MediaTrackLike[]) {
  const key = tracks.length;
  useEffect(() => {
    const media = element.current;
    if (!media || tracks.length === 0) return;
    // The tracks are the browser's own MediaStreamTracks (peer-ports.ts only names what the peer uses).
    media.srcObject = new MediaStream(tracks as unknown as MediaStreamTrack[]);
    void media.play().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new stream only when the tracks change
  }, [element, key]);
}
