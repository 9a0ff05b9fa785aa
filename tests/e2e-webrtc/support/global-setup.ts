/** Fails the run at once when it is not inside scripts/in-network-namespace.sh: ICE would find no candidates. */
export default function checkNetworkNamespace(): void {
  if (!process.env.DESKBELL_NETNS_ADDRESS) {
    throw new Error(
      'The WebRTC tests need a network address that is not loopback: run them through ' +
        '`bash scripts/in-network-namespace.sh npx playwright test -c tests/e2e-webrtc/playwright.config.ts`.',
    );
  }
}
