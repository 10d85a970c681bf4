using Blog.BrowserTests.Infrastructure;
using Blog.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.BrowserTests.Pages.Posts;

/// <summary>
/// Notes written as Typora, docsify and Obsidian users write them, imported as a user would, then
/// read in Chromium: nothing a reader sees is broken (the same checks as bench/notes-check.sh).
/// </summary>
public class TyporaNoteTests(SiteFixture site) : IClassFixture<SiteFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "blog-typora-notes", Guid.NewGuid().ToString("N"), "机器学习笔记");

    private const string Chapter1 = """
        # 第一章 绪论 {docsify-ignore}

        [TOC]

        ## 1.1 基本术语

        给定数据集$D$，且样本数为$m$，其中$m$为正整数。提到$F_{\beta}$本质是加权调和平均，$ x + y $ 也是公式。
        **强化学习（RL）**讨论的是决策，**注意：**这里的*斜体*的用法。价格 $5 and $10 不是公式，==重点==要记住。

        <!-- 这段还没写完 -->

        <div align=center><img src="../img/ch1/1.1.png" style="zoom:50%;" /></div>
        <div align=center>图 1.1 示意图</div>

        推导如下：
        $$\begin{aligned}
        L(\theta) &= \sum_{i=1}^m \log p(x_i) \\

        &= -\frac{1}{m} \sum_i \ell_i
        \end{aligned}$$

        | 名称 | 公式 |
        |---|---|
        | 条件概率 | $P(A|B)$ |

        > [!TIP] 小技巧
        > 先看[第二章的小结](../chapter2/chapter2.md#小结)，或 [[chapter2|下一章]]。

        ![image-20240510091624087](assets/image-20240510091624087.png)
        """;

    private const string Chapter2 = """
        # 第二章 模型评估

        <details><summary>展开</summary>

        答案：$\hat{y} = \arg\max_y p(y \mid x)$

        </details>

        ```math
        \mathbb{E}[X] = \sum_x x\,p(x)
        ```

        ## 小结

        H<sub>2</sub>O 与 x<sup>2</sup>，按 <kbd>Ctrl</kbd>。

        <center><img src="../img/ch1/1.1.png" width="300"/></center>
        由图可知样例集$D$\[注意与$\mathcal{D}$的区别\]是 **训练数据 **。
        """;

    [Fact]
    public async Task ImportedTyporaNotes_ShowNoRawTexHtmlAsTextMarkersCommentsOrBrokenImagesAndLinks()
    {
        Write("chapter1/chapter1.md", Chapter1);
        Write("chapter2/chapter2.md", Chapter2);
        Write("_sidebar.md", "- [第一章](chapter1/chapter1.md)\n");
        WriteBytes("img/ch1/1.1.png", WidePng.Create(400, 200));
        WriteBytes("chapter1/assets/image-20240510091624087.png", WidePng.Create(300, 100));
        using (var scope = site.Server.Services.CreateScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<NoteImporter>().ImportAsync(_folder);
            Assert.True(report.Succeeded, report.Summary);
            Assert.Equal(2, report.Count(ImportOutcome.Imported));
        }

        foreach (var slug in new[] { "第一章-绪论", "第二章-模型评估" })
        {
            await using var page = await site.OpenAsync("/posts/" + Uri.EscapeDataString(slug));
            var broken = await page.EvalAsync<string[]>(BrokenScript);
            Assert.True(broken.Length == 0, $"{slug}: {string.Join("; ", broken)}");
            Assert.Empty(page.ConsoleErrors);
        }
    }

    /// <summary>What a reader would see broken on the article, one string per problem.</summary>
    private const string BrokenScript = """
        async () => {
          const body = document.querySelector('.article-body');
          const skip = 'pre, code, .katex-mathml, annotation, script, style';
          let visible = '';
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode())
            if (!n.parentElement.closest(skip)) visible += n.nodeValue;
          const problems = [];
          const find = (name, re) => { for (const m of visible.matchAll(re)) problems.push(`${name}: ${m[0]}`); };
          find('raw TeX', /\$(?!5 and \$10)[^$\n]{1,60}\$|\\(frac|begin|sum|beta|hat|mathbb)\b/g);
          find('HTML as text', /<\/?(img|div|sub|sup|kbd|details|summary)\b[^>]*>/g);
          find('literal **', /\*\*/g);
          find('comment', /<!--|-->|没写完/g);
          find('marker', /\[TOC\]|\[!TIP\]|==|\[\[|docsify/g);
          for (const e of body.querySelectorAll('.katex-error, .math-error')) problems.push('math error: ' + e.textContent);
          for (const img of body.querySelectorAll('img')) {
            const r = await fetch(img.src);
            if (!r.ok) problems.push('broken image: ' + img.getAttribute('src'));
          }
          for (const a of body.querySelectorAll('a[href^="/posts/"]')) {
            const r = await fetch(a.href);
            const id = decodeURIComponent(new URL(a.href).hash.slice(1));
            if (!r.ok) problems.push('dead link: ' + a.getAttribute('href'));
            else if (id && !(await r.text()).includes(`id="${id}"`)) problems.push('dead anchor: ' + a.getAttribute('href'));
          }
          for (const a of body.querySelectorAll('a[href$=".md"]')) problems.push('link to a file: ' + a.getAttribute('href'));
          return problems;
        }
        """;

    private void Write(string key, string text) => WriteBytes(key, System.Text.Encoding.UTF8.GetBytes(text));

    private void WriteBytes(string key, byte[] content)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); } catch (IOException) { }
    }
}
