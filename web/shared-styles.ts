/** Styles every element shares: buttons, inputs, chips. */
import { css } from 'lit';

export const controls = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    border: 1px solid var(--line);
    background: var(--panel);
    border-radius: 6px;
    padding: 4px 10px;
    cursor: pointer;
  }
  button:hover {
    border-color: #c9c4b9;
  }
  button[aria-pressed='true'],
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 4px 8px;
    background: #fff;
  }
  :focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 1px;
  }
  .muted {
    color: var(--muted);
  }
  pre,
  code {
    font-family: var(--mono);
    font-size: 12.5px;
  }
`;

/** A finding in a list: its severity badge and its `file:line:column` line (the Lint and Checks tabs). */
export const findingStyles = css`
  /* a list of findings (the Checks and Lint tabs) */
  :host {
    display: block;
    padding: 10px 12px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .sev {
    font-size: 11px;
    font-weight: 700;
    text-transform: uppercase;
    padding: 1px 6px;
    border-radius: 4px;
    align-self: start;
  }
  .error {
    background: var(--danger-soft);
    color: var(--danger);
  }
  .warning {
    background: var(--warn-soft);
    color: var(--warn);
  }
  .where {
    grid-column: 2;
    font: 12px var(--mono);
    color: var(--muted);
  }
  .muted {
    color: var(--muted);
  }
  /* a finding that can be clicked: severity, message and place in a grid */
  button.finding {
    all: unset;
    box-sizing: border-box;
    width: 100%;
    cursor: pointer;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 10px;
    padding: 7px 6px;
    border-bottom: 1px solid var(--line);
    border-radius: 4px;
  }
  button.finding:hover,
  button.finding[aria-current='true'] {
    background: var(--accent-soft);
  }
  button.finding:focus-visible {
    outline: 2px solid var(--accent);
  }
`;
