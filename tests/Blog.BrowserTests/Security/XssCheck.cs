using System.Collections.Concurrent;

namespace Blog.BrowserTests.Security;

/// <summary>
/// What a payload that got in would leave behind: a dialog it opened (alert, confirm, prompt), or
/// an element it injected: a script that is not one of the site's own files, an on* attribute, a
/// javascript:/vbscript:/data: URL where the browser would follow or load it, a frame or object.
/// The site's own pages have none of these.
/// </summary>
public sealed class XssCheck
{
    private const string InjectedElements = """
        () => {
          const found = [];
          const short = el => el.outerHTML.slice(0, 100);
          for (const s of document.querySelectorAll('script')) {
            if (s.type === 'application/ld+json') continue;
            const src = s.getAttribute('src');
            if (!src || new URL(src, location.href).origin !== location.origin) found.push('script: ' + short(s));
          }
          const urlAttributes = /^(href|src|action|formaction|xlink:href|data|poster|background|srcdoc)$/i;
          const scriptUrl = /^(javascript|vbscript|data:(text\/html|image\/svg|application))/;
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (/^on/i.test(a.name)) found.push(`${a.name} attribute: ${short(el)}`);
              if (urlAttributes.test(a.name)) {
                // As the browser reads it: "javascript%3A..." is a relative path, "java&#9;script:..." is not.
                let url;
                try { url = new URL(a.value, document.baseURI).href.toLowerCase(); } catch { url = a.value.toLowerCase(); }
                if (scriptUrl.test(url) || a.name.toLowerCase() === 'srcdoc') found.push(`${a.name}=${a.value.slice(0, 60)}: ${short(el)}`);
              }
            }
          }
          for (const el of document.querySelectorAll('iframe, frame, object, embed, applet, base, meta[http-equiv="refresh" i], form[action^="javascript" i]'))
            found.push('element: ' + short(el));
          return found;
        }
        """;

    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly List<string> _problems = [];

    /// <summary>Every dialog the page opens is recorded and dismissed: a payload that ran.</summary>
    public void Listen(IPage page) => page.Dialog += async (_, dialog) =>
    {
        _dialogs.Enqueue($"{dialog.Type}({dialog.Message}) on {page.Url}");
        await dialog.DismissAsync();
    };

    public int PagesChecked { get; private set; }

    /// <summary>Opens a page, lets its scripts run (KaTeX, highlight.js, the editor's preview), and looks for injected elements.</summary>
    public async Task CheckAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(50); // autofocus, ontoggle and friends fire right after load
        await CheckCurrentAsync(page, $"{url} ({response?.Status})");
    }

    public async Task CheckCurrentAsync(IPage page, string what)
    {
        PagesChecked++;
        foreach (var found in await page.EvaluateAsync<string[]>(InjectedElements))
            _problems.Add($"{what}: {found}");
    }

    public void AssertNothingGotIn()
    {
        var all = _dialogs.Select(d => "dialog " + d).Concat(_problems).ToList();
        Assert.True(all.Count == 0, $"{all.Count} problems on {PagesChecked} pages:\n" + string.Join("\n", all.Take(40)));
    }
}
