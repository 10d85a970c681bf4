namespace Blog.BrowserTests.Infrastructure;

/// <summary>Measurements taken inside the page, as a reader's browser sees it.</summary>
public static class Js
{
    /// <summary>
    /// Colors as sRGB [r, g, b] whatever syntax the stylesheet uses (oklch, color-mix, ...): a canvas
    /// converts them. A transparent background shows its ancestor's, and at the top the canvas
    /// (the system's Canvas color, dark under a dark color-scheme).
    /// </summary>
    public const string Colors = """
        selector => {
          const rgba = c => {
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = 1;
            const ctx = canvas.getContext('2d');
            ctx.fillStyle = c;
            ctx.fillRect(0, 0, 1, 1);
            const d = ctx.getImageData(0, 0, 1, 1).data;
            return [d[0], d[1], d[2], d[3] / 255];
          };
          const background = el => {
            for (; el; el = el.parentElement) {
              const c = rgba(getComputedStyle(el).backgroundColor);
              if (c[3] > 0.5) return c.slice(0, 3);
            }
            const probe = document.createElement('div');
            probe.style.backgroundColor = 'Canvas';
            document.body.appendChild(probe);
            const c = rgba(getComputedStyle(probe).backgroundColor);
            probe.remove();
            return c.slice(0, 3);
          };
          const el = document.querySelector(selector);
          if (!el) return null;
          return { background: background(el), text: rgba(getComputedStyle(el).color).slice(0, 3) };
        }
        """;

    /// <summary>How wide the page is against the viewport, and the outermost elements that stick out.</summary>
    public const string HorizontalOverflow = """
        () => {
          const width = window.innerWidth;
          const sticksOut = el => el.getBoundingClientRect().right > width + 0.5;
          // Inside a box that clips or scrolls, or in KaTeX's visually hidden MathML, nothing widens the page.
          const contained = el => {
            if (el.closest('.katex-mathml') || el instanceof SVGElement && el.ownerSVGElement) return true;
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            return false;
          };
          const offenders = [...document.body.querySelectorAll('*')]
            .filter(el => sticksOut(el) && (!el.parentElement || !sticksOut(el.parentElement)) && !contained(el))
            .slice(0, 8)
            .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} right=${Math.round(el.getBoundingClientRect().right)}`);
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offenders };
        }
        """;

    /// <summary>Where an element is on screen, and whether it is what a reader sees at its own center (not covered).</summary>
    public const string OnScreen = """
        id => {
          const el = document.getElementById(id);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          const inside = r.top >= 0 && r.bottom <= window.innerHeight;
          const x = Math.min(r.left + 8, window.innerWidth - 1), y = r.top + r.height / 2;
          const hit = inside ? document.elementFromPoint(x, y) : null;
          return {
            top: r.top, bottom: r.bottom, viewport: window.innerHeight, inside,
            visible: !!hit && (hit === el || el.contains(hit)),
            covering: hit && !(hit === el || el.contains(hit)) ? hit.outerHTML.slice(0, 120) : null,
          };
        }
        """;
}
