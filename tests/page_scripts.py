"""Scripts the page tests run inside a page (tests/browser.py), each returning JSON data."""

from __future__ import annotations

# Every visible piece of text as a box, one per line it wraps onto, with the font size it is
# drawn at (SVG text scaled with its drawing) and whether it sits in a table, a figure (and
# which: the drawing's class) or a caption. Text inside an SVG's <title> is its accessible
# name, never drawn.
TEXT_BOXES = r"""
(() => {
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node, index = 0;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element || element.closest('title, style, script')) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let size = parseFloat(style.fontSize);
    const svg = element.closest('svg');
    if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      boxes.push({
        node: index, text: text.slice(0, 60),
        left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX,
        bottom: r.bottom + scrollY, size,
        table: !!element.closest('table'), svg: !!svg,
        chart: svg ? svg.getAttribute('class') : null,
        caption: !!element.closest('figcaption, caption, .caption'),
      });
    }
    index++;
  }
  return boxes;
})()
"""

# How wide the page is against its window: any more is a sideways scroll.
WIDTHS = r"""
({
  window: document.documentElement.clientWidth,
  page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
})
"""

# Every drawing of an exercise, by its size on the page in CSS pixels.
FIGURES = r"""
Array.from(document.querySelectorAll('figure.pose svg')).map(svg => {
  const r = svg.getBoundingClientRect();
  return {width: r.width, height: r.height, title: svg.querySelector('title').textContent};
})
"""

# axe-core's checks for WCAG 2.0, 2.1 and 2.2 at levels A and AA, once axe is in the page.
AXE_RUN = r"""
axe.run(document, {runOnly: {type: 'tag', values: [
  'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})
  .then(results => ({
    version: axe.version,
    passes: results.passes.length,
    violations: results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160)),
    })),
  }))
"""
