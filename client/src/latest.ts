// Refreshes of a view's data from the server: one request at a time, and the last call always
// served (calls made while a request runs are folded into one more request after it). Shared by
// the table view and the summary view.

export class LatestWins<T> {
  private inflight = false;
  private dirty = false;

  /**
   * `fetch` asks for the data (undefined when it could not be had); `apply` takes it while
   * `alive()` holds (the view is still open).
   */
  constructor(
    private readonly fetch: () => Promise<T | undefined>,
    private readonly apply: (data: T) => void,
    private readonly alive: () => boolean,
  ) {}

  refresh(): void {
    if (!this.alive()) return;
    if (this.inflight) {
      this.dirty = true;
      return;
    }
    this.inflight = true;
    this.dirty = false;
    void this.fetch()
      .then((data) => {
        if (data !== undefined && this.alive()) this.apply(data);
      })
      .finally(() => {
        this.inflight = false;
        if (this.dirty) this.refresh();
      });
  }
}
