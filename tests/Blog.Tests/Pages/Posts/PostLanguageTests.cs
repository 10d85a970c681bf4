using Blog.Tests.Import;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages.Posts;

/// <summary>Each note says which script it is written in, so that fonts and screen readers pick the right forms.</summary>
public class PostLanguageTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string Traditional = "深度學習筆記：反向傳播與梯度下降。這篇筆記記錄訓練網絡時的經驗。";

    [Fact]
    public async Task NoteInTraditionalCharacters_IsZhHant_UntilTheAuthorChoosesOtherwise()
    {
        var author = await app.SignedInClientAsync();
        var slug = "backprop-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await author.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields("反向傳播筆記", Traditional, slug), "立即发布")).SavedPostId();
        Assert.Equal("zh-Hant", await ArticleLangAsync(slug));

        await author.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Language"] = "zh-Hans" }, "更新");
        Assert.Equal("zh-Hans", await ArticleLangAsync(slug));
        var editor = await author.GetDocumentAsync($"/admin/posts/{id}");
        Assert.Equal("zh-Hans", editor.QuerySelector("select[name='Input.Language'] option[selected]")?.GetAttribute("value"));

        await author.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Language"] = "" }, "更新");
        Assert.Equal("zh-Hant", await ArticleLangAsync(slug));
    }

    [Fact]
    public async Task ImportedNoteInTraditionalCharacters_IsZhHant()
    {
        using var notes = new NoteFolder();
        notes.Write("backprop.md", $"---\ntitle: 反向傳播 {notes.Id}\nslug: imported-{notes.Id}\n---\n{Traditional}\n");
        notes.Write("attention.md", $"---\ntitle: 注意力机制 {notes.Id}\nslug: simplified-{notes.Id}\n---\n注意力机制学习笔记。\n");

        await app.ImportAsync(notes.Root);

        Assert.Equal("zh-Hant", await ArticleLangAsync($"imported-{notes.Id}"));
        Assert.Equal("zh-Hans", await ArticleLangAsync($"simplified-{notes.Id}"));
    }

    [Fact]
    public async Task ImportedNoteThatDeclaresItsLanguage_KeepsIt_AndImportingItWithoutOneHandsItBackToDetection()
    {
        using var notes = new NoteFolder();
        var note = notes.Write("policy.md", $"---\ntitle: 策略梯度 {notes.Id}\nslug: declared-{notes.Id}\nlang: zh-TW\n---\n策略梯度方法直接优化策略。\n");
        await app.ImportAsync(notes.Root);
        Assert.Equal("zh-Hant", await ArticleLangAsync($"declared-{notes.Id}"));

        File.WriteAllText(note, $"---\ntitle: 策略梯度 {notes.Id}\nslug: declared-{notes.Id}\n---\n策略梯度方法直接优化策略。\n");
        await app.ImportAsync(notes.Root);
        Assert.Equal("zh-Hans", await ArticleLangAsync($"declared-{notes.Id}"));
    }

    private async Task<string?> ArticleLangAsync(string slug) =>
        (await app.CreateClient().GetDocumentAsync("/posts/" + slug)).QuerySelector("article.article")?.GetAttribute("lang");
}
