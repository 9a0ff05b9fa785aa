import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { MediaTrackLike } from '../../src/client/screenshare/peer-ports';

interface Props {
  tracks: readonly MediaTrackLike[];
  /** Whether the picture is meant to be on (the sharer says so); a frozen last frame is not shown after Stop Share. */
  pictureOn: boolean;
  operatorName: string;
  /** Shown over the stage while there is no picture. */
  waiting: ReactNode;
  /** Shows the picture at all (false when the patron shares and only hears the operator). */
  watching: boolean;
}

/**
 * The operator's voice and picture. The voice plays from its own <audio>
 * element, unmuted (a muted element reports no audio energy, and would be
 * silent); the picture from a muted <video> that fills the stage, so it
 * starts even where the browser refuses sound before a click. When the
 * browser does refuse, a button starts the sound.
 */
export function RemoteMedia({ tracks, pictureOn, operatorName, waiting, watching }: Props) {
  const stage = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [hasFrames, setHasFrames] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);

  useEffect(() => {
    const audioTracks = tracks.filter((track) => track.kind === 'audio') as unknown as MediaStreamTrack[];
    const videoTracks = tracks.filter((track) => track.kind === 'video') as unknown as MediaStreamTrack[];
    if (audio.current && audioTracks.length > 0) {
      audio.current.srcObject = new MediaStream(audioTracks);
      audio.current.play().then(
        () => setSoundBlocked(false),
        (error: unknown) => setSoundBlocked(error instanceof Error && error.name === 'NotAllowedError'),
      );
    }
    if (video.current && videoTracks.length > 0) {
      video.current.srcObject = new MediaStream(videoTracks);
      void video.current.play().catch(() => undefined);
    }
  }, [tracks]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === stage.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const startSound = () => {
    void audio.current?.play().then(
      () => setSoundBlocked(false),
      () => setSoundBlocked(true),
    );
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage.current?.requestFullscreen();
  };
  const onFrames = () => setHasFrames((video.current?.videoWidth ?? 0) > 0);
  const showPicture = watching && pictureOn && hasFrames;

  return (
    <>
      {/* Never muted: the operator's voice. */}
      <audio ref={audio} autoPlay />
      {soundBlocked && (
        <p className="ss-sound">
          <button type="button" className="primary" onClick={startSound}>
            Click to start sound
          </button>
          <span>Your browser is waiting for a click before it plays {operatorName}&apos;s voice.</span>
        </p>
      )}
      {watching && (
        <div ref={stage} className="ss-stage" data-picture={showPicture ? 'on' : 'off'}>
          <video
            ref={video}
            muted
            autoPlay
            playsInline
            aria-label={`${operatorName}'s shared screen`}
            onLoadedData={onFrames}
            onResize={onFrames}
            hidden={!showPicture}
          />
          {!showPicture && <div className="ss-waiting">{waiting}</div>}
          <button type="button" className="ss-fullscreen" onClick={toggleFullscreen}>
            {fullscreen ? 'Exit fullscreen' : 'Fullscreen'}
          </button>
        </div>
      )}
    </>
  );
}
