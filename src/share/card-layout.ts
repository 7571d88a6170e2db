/**
 * The share card's layout as the element tree satori draws (plain objects, no JSX): the site's
 * name, the title, the newsletter line, and a small drawing of a table cut into partitions,
 * the picture most lessons start from.
 */
import { SHARE_IMAGE_SIZE, type ShareCard } from './share-card.ts';

export interface CardNode {
  type: 'div';
  props: { style: Record<string, string | number>; children?: string | CardNode | CardNode[] };
}

const INK = '#0f172a';
const PAPER = '#f8fafc';
const ACCENT = '#38bdf8';
const MUTED = '#cbd5e1';
/** One colour per key, as the lessons' diagrams colour rows by the key they are joined on. */
const KEY_COLOURS = ['#38bdf8', '#f472b6', '#facc15', '#4ade80'];

const PADDING = 64;

const box = (style: CardNode['props']['style'], children?: CardNode['props']['children']): CardNode => ({
  type: 'div',
  props: { style: { display: 'flex', ...style }, children },
});

/** Three partitions, each a box of a few rows coloured by their key. */
function partitions(): CardNode {
  const rows = [
    [0, 1, 2, 0],
    [3, 1, 2],
    [2, 0, 3, 1, 3],
  ];
  return box(
    { flexDirection: 'column', gap: 18, flexShrink: 0 },
    rows.map((keys, partition) =>
      box({ alignItems: 'center', gap: 14 }, [
        box({ fontSize: 22, color: MUTED, width: 36 }, `P${partition}`),
        box(
          { gap: 10, padding: 14, border: `3px solid ${MUTED}`, borderRadius: 12, width: 290 },
          keys.map((key) => box({ width: 40, height: 40, borderRadius: 6, backgroundColor: KEY_COLOURS[key] })),
        ),
      ]),
    ),
  );
}

export function cardLayout(card: ShareCard): CardNode {
  return box(
    {
      // Satori adds the padding to the size, as CSS's content-box does.
      width: SHARE_IMAGE_SIZE.width - 2 * PADDING,
      height: SHARE_IMAGE_SIZE.height - 2 * PADDING,
      padding: PADDING,
      backgroundColor: INK,
      color: PAPER,
      fontFamily: 'Inter',
      justifyContent: 'space-between',
      alignItems: 'center',
      gap: 48,
    },
    [
      box({ flexDirection: 'column', justifyContent: 'space-between', height: '100%', flex: 1, minWidth: 0 }, [
        box({ fontSize: 34, fontWeight: 700, color: ACCENT }, 'SAI Labs'),
        box({ flexDirection: 'column', gap: 24 }, [
          box({ fontSize: card.title.length > 40 ? 56 : 68, fontWeight: 700, lineHeight: 1.1 }, card.title),
          box({ fontSize: 30, color: MUTED, lineHeight: 1.3 }, card.newsletter),
        ]),
        box({ fontSize: 26, color: MUTED }, 'Executable lessons on data and ML engineering'),
      ]),
      partitions(),
    ],
  );
}
