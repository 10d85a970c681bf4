using System.Text;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages.Admin;

/// <summary>
/// The import report speaks the admin's language, note by note, with the values (file names,
/// slugs, line numbers) as they are; the command prints the same report in English, unchanged,
/// for the scripts that read it.
/// </summary>
public sealed class ImportReportLanguageTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>, IDisposable
{
    private const string ImportForm = "form.import-form";
    private readonly NoteFolder _notes = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-import-cli", Guid.NewGuid().ToString("N"));

    /// <summary>Notes that earn the report several kinds of message: a wrong date, a missing image, TeX outside a formula, a bad formula, a taken slug, a legacy encoding, a navigation file.</summary>
    private void WriteNotes()
    {
        var id = _notes.Id;
        _notes.Write("rl/时序差分.md", StudyNotes.WithFrontMatter($"title: 时序差分 {id}\ndate: 去年夏天", """
            TD 误差 \delta_t 驱动价值更新，梯度 \frac{\partial V}{\partial s} 忘了写进公式。

            ![价值函数](assets/value.png)

            无效的公式 $\notacommand V(s)$，参见 [蒙特卡洛方法](蒙特卡洛.md)。
            """));
        _notes.Write("rl/pg-1.md", StudyNotes.WithFrontMatter($"title: 策略梯度 {id}\nslug: pg-{id}", "目标 $J(\\theta)$ 的梯度。"));
        _notes.Write("rl/pg-2.md", StudyNotes.WithFrontMatter($"title: 策略梯度（续） {id}\nslug: pg-{id}", "```python\nloss = -(log_probs * returns).sum()\n```"));
        _notes.WriteBytes("rl/旧笔记.md", [0x23, 0x20, 0xC4, 0xE3, 0xBA, 0xC3]); // "# 你好" in GBK
        _notes.Write("rl/_sidebar.md", "* [时序差分](时序差分.md)\n");
    }

    [Fact]
    public async Task AdminImport_ShowsEveryMessageAndTheSummaryInChinese_WithTheirValues()
    {
        WriteNotes();
        var id = _notes.Id;
        var author = await app.SignedInClientAsync();

        var page = await (await author.SubmitMultipartFormAsync("/admin/import", ImportForm,
            [new FormFile("Input.Zip", "强化学习.zip", _notes.Zip(), "application/zip")])).ReadDocumentAsync();

        var report = page.QuerySelector(".import-report") ?? throw new Xunit.Sdk.XunitException("no report");
        Assert.Equal("导入 3，更新 0，跳过 1，失败 1；1 篇笔记中有 1 个无效公式，按源码显示", report.QuerySelector(".import-summary")?.TextContent);
        string[] MessagesOf(string file) => report.QuerySelectorAll("tbody tr")
            .Single(r => r.QuerySelector(".file-cell")?.TextContent.Trim() == file)
            .QuerySelectorAll(".import-message").Select(m => m.TextContent).ToArray();

        var td = MessagesOf("rl/时序差分.md");
        Assert.Equal(5, td.Length);
        Assert.Equal("它的 date“去年夏天”不是日期；已改用文件的最后修改时间", td[0]);
        Assert.Equal("图片 assets/value.png 在导入的文件中找不到；链接保持原样", td[1]);
        Assert.StartsWith("公式之外的 TeX 按原样显示（漏了一个 $？）：“…", td[2]);
        Assert.Contains("\\frac{\\partial V}", td[2]);
        Assert.Equal("链接 蒙特卡洛.md 指向一篇（尚）未导入的笔记；那篇笔记导入后，它会指向对应的文章", td[3]);
        Assert.StartsWith("1 个公式无效，按源码显示（第一个错误：", td[4]);
        Assert.Contains("\\notacommand", td[4]); // KaTeX's own words, a value, stay as KaTeX wrote them
        Assert.Empty(MessagesOf("rl/pg-1.md"));
        Assert.Equal([$"别名“pg-{id}”已属于另一篇文章，这篇改用“pg-{id}-2”"], MessagesOf("rl/pg-2.md"));
        Assert.Equal(["它不是 UTF-8 文本（第一个无效字节在第 1 行；是 GBK 或其他旧编码吗？）；请另存为 UTF-8 后重新导入"], MessagesOf("rl/旧笔记.md"));
        Assert.Equal(["导航文件（docsify、GitBook），不是笔记"], MessagesOf("rl/_sidebar.md"));
    }

    [Fact]
    public async Task AdminReimport_NamesWhatChangedInChinese()
    {
        var author = await app.SignedInClientAsync();
        _notes.Write("价值迭代.md", StudyNotes.WithFrontMatter($"title: 价值迭代 {_notes.Id}", "贝尔曼最优方程 $V^*(s)=\\max_a Q^*(s,a)$。"));
        await author.SubmitMultipartFormAsync("/admin/import", ImportForm, [new FormFile("Input.Zip", "mdp.zip", _notes.Zip(), "application/zip")]);
        _notes.Write("价值迭代.md", StudyNotes.WithFrontMatter($"title: 价值迭代（修订） {_notes.Id}", "贝尔曼最优方程，迭代到收敛。"));

        var page = await (await author.SubmitMultipartFormAsync("/admin/import", ImportForm,
            [new FormFile("Input.Zip", "mdp.zip", _notes.Zip(), "application/zip")])).ReadDocumentAsync();

        Assert.Equal("有改动：标题、正文", page.QuerySelector(".import-updated .import-message")?.TextContent);
        Assert.Equal("导入 0，更新 1，跳过 0，失败 0", page.QuerySelector(".import-summary")?.TextContent);
    }

    [Fact]
    public async Task CommandImport_OfTheSameNotes_PrintsTheReportInEnglish()
    {
        WriteNotes();
        var id = _notes.Id;

        var run = await BlogCommand.RunAsync(_data, "import", _notes.Root);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var td = Assert.Single(lines, l => l.StartsWith("imported  rl/时序差分.md: ", StringComparison.Ordinal));
        Assert.StartsWith("imported  rl/时序差分.md: its date \"去年夏天\" is not a date; the file's last-write time was used instead; "
            + "image assets/value.png was not found in the import; the link was left as written; "
            + "TeX outside any formula is shown as typed (a $ missing?): \"…", td);
        Assert.Contains("\\frac{\\partial V}", td);
        Assert.Contains("\"; link 蒙特卡洛.md points to a note that is not imported (yet); it will point at its post once that note is imported; ", td);
        Assert.Contains("; 1 formula is invalid and shown as their source (first: ", td);
        Assert.Contains("imported  rl/pg-1.md", lines);
        Assert.Contains($"imported  rl/pg-2.md: the slug \"pg-{id}\" belongs to another post, so this one is \"pg-{id}-2\"", lines);
        Assert.Contains("failed    rl/旧笔记.md: it is not UTF-8 text (the first invalid byte is on line 1; GBK or another legacy encoding?); save it as UTF-8 and import it again", lines);
        Assert.Contains("skipped   rl/_sidebar.md: a navigation file (docsify, GitBook), not a note", lines);
        Assert.Contains("3 imported, 0 updated, 1 skipped, 1 failed; 1 invalid formula in 1 note, shown as their source", lines);
    }

    [Fact]
    public async Task AdminImport_InTraditionalChinese_ShowsTheReportAndTheOverallErrorInTraditional()
    {
        _notes.WriteBytes("旧笔记.md", [0x23, 0x20, 0xC4, 0xE3, 0xBA, 0xC3]);
        var author = await app.SignedInClientAsync();
        await author.SubmitFormAsync("/admin/settings", "form.settings-form", new Dictionary<string, string> { ["Input.InterfaceLanguage"] = "zh-Hant" });
        try
        {
            var report = await (await author.SubmitMultipartFormAsync("/admin/import", ImportForm,
                [new FormFile("Input.Zip", "舊筆記.zip", _notes.Zip(), "application/zip")], new Dictionary<string, string> { ["Input.DryRun"] = "true" })).ReadDocumentAsync();
            var notAZip = await (await author.SubmitMultipartFormAsync("/admin/import", ImportForm,
                [new FormFile("Input.Zip", "筆記.zip", Encoding.UTF8.GetBytes("# 這不是 zip，是一篇 Markdown 筆記\n"), "application/zip")])).ReadDocumentAsync();

            Assert.Equal("匯入 0，更新 0，略過 0，失敗 1（試執行：沒有寫入任何內容）", report.QuerySelector(".import-summary")?.TextContent);
            Assert.Equal("它不是 UTF-8 文字（第一個無效位元組在第 1 行；是 GBK 或其他舊編碼嗎？）；請另存為 UTF-8 後重新匯入",
                report.QuerySelector(".import-failed .import-message")?.TextContent);
            Assert.Equal("“筆記.zip” 不是可讀取的 .zip 壓縮檔。", notAZip.QuerySelector(".form-errors")?.TextContent.Trim());
        }
        finally
        {
            await author.SubmitFormAsync("/admin/settings", "form.settings-form", new Dictionary<string, string> { ["Input.InterfaceLanguage"] = "zh-Hans" });
        }
    }

    public void Dispose()
    {
        _notes.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
