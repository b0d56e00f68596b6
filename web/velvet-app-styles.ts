/** The layout of the preview application (velvet-app): top bar, email list, email, details. */
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: grid;
    grid-template-columns: 230px minmax(0, 1fr) 380px;
    grid-template-rows: auto minmax(0, 1fr);
    height: 100vh;
    overflow: hidden;
  }
  [hidden] {
    display: none !important;
  }
  velvet-email-list {
    grid-column: 1;
  }
  main {
    grid-column: 2;
    position: relative;
  }
  .side {
    grid-column: 3;
  }
  .handle {
    position: absolute;
    top: 0;
    bottom: 0;
    width: 8px;
    cursor: col-resize;
    z-index: 6;
    touch-action: none;
  }
  .handle:hover,
  .handle:focus-visible {
    background: var(--accent-soft);
  }
  .handle.list {
    left: -4px;
  }
  .handle.side {
    right: -4px;
  }
  .panels {
    display: inline-flex;
    gap: 4px;
  }
  velvet-empty-state {
    height: 100%;
  }
  .top {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 18px;
    padding: 8px 16px;
    background: var(--panel);
    border-bottom: 1px solid var(--line);
  }
  .brand {
    font-weight: 800;
    letter-spacing: -0.02em;
    font-size: 17px;
    color: var(--accent);
  }
  .crumb {
    color: var(--muted);
    font-size: 13px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
    flex: 1;
  }
  velvet-email-list {
    background: var(--panel);
    border-right: 1px solid var(--line);
    min-height: 0;
  }
  main {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
  }
  velvet-inbox-header {
    padding: 12px 18px;
    background: var(--panel);
    border-bottom: 1px solid var(--line);
  }
  .viewport {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  velvet-frame {
    height: 100%;
  }
  .empty {
    padding: 40px;
    color: var(--muted);
    text-align: center;
  }
  .side {
    background: var(--panel);
    border-left: 1px solid var(--line);
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  velvet-tabs {
    flex: 1;
  }
  .keys {
    font-size: 12px;
    color: var(--muted);
    padding: 6px 12px;
    border-top: 1px solid var(--line);
  }
  kbd {
    font: 11px var(--mono);
    border: 1px solid var(--line);
    border-bottom-width: 2px;
    border-radius: 4px;
    padding: 0 4px;
    background: #faf9f7;
  }
  .tags {
    padding: 8px 12px;
    font-size: 12.5px;
    color: var(--warn);
    border-bottom: 1px solid var(--line);
  }
`;
