import { BackToOverview } from "./back-to-overview";

/** The app's "not found", said inside its frame: an unknown address, or an id that does not exist or is not in the viewer's scope. */
export function NotFoundMessage() {
  return (
    <div className="dashboard" data-testid="not-found">
      <div className="page-header">
        <div>
          <h1 className="page-title">Not found</h1>
          <p className="page-subtitle">
            There is nothing at this address: the page does not exist, or what it names (a queue, an agent, a call) is unknown or outside what you may see.
          </p>
        </div>
      </div>
      <BackToOverview />
    </div>
  );
}
