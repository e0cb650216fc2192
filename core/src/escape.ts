/** Text made safe inside HTML text and attribute values (the CLI's summary page, the webviews). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
