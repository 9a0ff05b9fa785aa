import { Component, type ReactNode } from 'react';

interface Props {
  /** The page's name, for the words: "The Reports page could not be loaded." */
  page: string;
  children: ReactNode;
}

/**
 * Around a page loaded on first use (React.lazy): when its file cannot be
 * fetched (the network dropped, the server was updated meanwhile), the
 * console says so and offers to try again, rather than going blank.
 */
export class PageLoadBoundary extends Component<Props, { failed: string | null }> {
  override state = { failed: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.failed === null) return this.props.children;
    return (
      <div role="alert" className="form-error">
        <p>
          The {this.props.page} page could not be loaded: {this.state.failed}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the console
        </button>
      </div>
    );
  }
}
