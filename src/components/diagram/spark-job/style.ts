/**
 * The Spark job diagram's own rules, scoped to .sai-trace so they can live inside the SVG or once
 * in the page. Colours are the --sai-diagram-* tokens of src/styles/theme.css (light and dark),
 * with fallbacks for an SVG opened on its own.
 */
export const SPARK_JOB_SVG_CSS = [
  '.sai-trace{font-family:var(--sai-diagram-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:12px;font-variant-numeric:tabular-nums}',
  '.sai-trace .sd-fg{fill:var(--sai-diagram-fg,currentColor)}',
  '.sai-trace .sd-muted{fill:var(--sai-diagram-muted,currentColor)}',
  '.sai-trace .sd-strong{font-weight:600}',
  '.sai-trace .sd-cell{fill:var(--sai-diagram-cell,rgba(128,128,128,.1))}',
  '.sai-trace .sd-slot{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
  '.sai-trace .sd-part{fill:var(--sai-diagram-partition,#3b82f6)}',
  '.sai-trace .sd-skew{fill:var(--sai-diagram-skew,#e0245e)}',
  '.sai-trace .sd-skew-text{fill:var(--sai-diagram-skew-text,var(--sai-diagram-skew,#e0245e));font-weight:700}',
  '.sai-trace .sd-shuffle{fill:none;stroke:var(--sai-diagram-shuffle,#e07b00);stroke-linecap:round}',
  '.sai-trace .sd-shuffle-head{fill:var(--sai-diagram-shuffle,#e07b00)}',
  // Dotted: the build side on its way to the driver.
  '.sai-trace .sd-collect{fill:none;stroke:var(--sai-diagram-broadcast,#8b5cf6);stroke-linecap:round;stroke-dasharray:0.5 4.5}',
  '.sai-trace .sd-collect-head{fill:var(--sai-diagram-broadcast,#8b5cf6)}',
  // Dashed: a copy from the driver.
  '.sai-trace .sd-broadcast{fill:none;stroke:var(--sai-diagram-broadcast,#8b5cf6);stroke-dasharray:7 4}',
  '.sai-trace .sd-broadcast-head{fill:var(--sai-diagram-broadcast,#8b5cf6)}',
  '.sai-trace .sd-driver{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-diagram-broadcast,#8b5cf6);stroke-width:1.5}',
  // What the picture leaves out of a big trace, under the title.
  '.sai-trace .sd-left-out{font-style:italic}',
  '.sai-trace .sd-rule{stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
].join('');
