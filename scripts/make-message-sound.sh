#!/usr/bin/env bash
# Writes assets/sounds/message.wav: Deskbell's own new-message sound, made here with sox so the
# project owns it. Two short sine notes falling a fourth (1320 Hz, then 990 Hz) with soft edges:
# unlike the chirp's two rising sweeps, so a librarian hears "message" and "new chat" apart.
# Run `bash scripts/make-message-sound.sh` to remake it (needs sox).
set -euo pipefail
target="$(dirname "$0")/../assets/sounds/message.wav"
sox -n -r 22050 -c 1 -b 16 "$target" \
  synth 0.07 sine 1320 fade q 0.006 0.07 0.03 pad 0 0.025 : \
  synth 0.11 sine 990 fade q 0.006 0.11 0.07 \
  gain -7
echo "wrote $target"
