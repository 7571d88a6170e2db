/**
 * Rules every Kafka picture shares, scoped to .sai-trace like the Spark picture's. Colours are the
 * theme's tokens (src/styles/theme.css, light and dark), with fallbacks for an SVG opened on its
 * own. Text is only ever the foreground or muted colour (AA on the page and on cells in both
 * themes); the signal colours fill shapes, which need 3:1 and all have more, and each shape also
 * differs in form and carries a word, so colour is never the only way to tell them apart.
 */
export const KAFKA_BASE_CSS = [
  '.sai-trace{font-family:var(--sai-diagram-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:12px;font-variant-numeric:tabular-nums}',
  '.sai-trace .kd-fg{fill:var(--sai-diagram-fg,currentColor)}',
  '.sai-trace .kd-muted{fill:var(--sai-diagram-muted,currentColor)}',
  '.sai-trace .kd-strong{font-weight:600}',
  '.sai-trace .kd-left-out{font-style:italic}',
  '.sai-trace .kd-cell{fill:var(--sai-diagram-cell,rgba(128,128,128,.1));stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
  '.sai-trace .kd-rule{stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
  '.sai-trace .kd-guide{stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1;stroke-dasharray:2 3}',
  // Marks of the partition strip and the rebalance rows.
  '.sai-trace .kd-hw{stroke:var(--sai-diagram-fg,currentColor);stroke-width:2.5}',
  '.sai-trace .kd-committed{fill:var(--sai-diagram-partition,#2f6bd8)}',
  '.sai-trace .kd-position{fill:var(--sai-diagram-broadcast,#7c3aed)}',
  '.sai-trace .kd-flight{fill:var(--sai-diagram-shuffle,#c25e00)}',
  '.sai-trace .kd-object{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-diagram-partition,#2f6bd8);stroke-width:1.5}',
  // A record the sink holds twice: dashed, in the duplicate colour.
  '.sai-trace .kd-object-dup{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-warn,#8a5300);stroke-width:2;stroke-dasharray:5 3}',
  '.sai-trace .kd-reread{fill:var(--sai-warn,#8a5300)}',
  '.sai-trace .kd-skipped{fill:none;stroke:var(--sai-diagram-skew-text,#b8173d);stroke-width:2;stroke-dasharray:4 3}',
  // Crash verdicts.
  '.sai-trace .kd-exact{fill:var(--sai-ok,#146c2e)}',
  '.sai-trace .kd-dup{fill:var(--sai-warn,#8a5300)}',
  '.sai-trace .kd-lost{fill:var(--sai-diagram-skew-text,#b8173d)}',
  '.sai-trace .kd-ring{fill:none;stroke:var(--sai-diagram-fg,currentColor);stroke-width:2}',
  '.sai-trace .kd-band{fill:var(--sai-diagram-cell,rgba(128,128,128,.1))}',
].join('');
