using Blog.Hosting;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Copy;

/// <summary>
/// A SQLite site that has lived a little (notes with math, code and an image, a draft, a
/// scheduled and a trashed post, revisions, a renamed slug, its own category and tags, an admin,
/// changed settings), copied by the real <c>copy-to-postgres</c> into an empty PostgreSQL
/// database, and a second site serving that copy. Both stay up for the tests to compare.
/// </summary>
public sealed class CopiedSite : IAsyncLifetime
{
    public const string Admin = "author";
    public const string ArticleSlug = "注意力机制";
    public const string OldArticleSlug = "attention-notes";
    public const string DraftTitle = "RLHF 草稿：奖励模型";
    public const string ScheduledTitle = "定时发布：PPO 算法";
    public const string TrashedTitle = "已删除的笔记：旧版 BPE";
    public const string HeroText = "信号已迁移";

    public const string ArticleMarkdown = """
        注意力机制让模型在每一步“注意”输入中最相关的部分。缩放点积注意力：

        $$
        \mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
        $$

        其中 $d_k$ 是键向量的维度。

        ## 1. 代码

        ```python
        import torch

        def attention(q, k, v):
            scores = q @ k.transpose(-2, -1) / k.size(-1) ** 0.5
            return scores.softmax(-1) @ v
        ```

        ## 2. 热图

        ![注意力热图]({image})

        | 头数 | 维度 |
        |---:|---:|
        | 8 | 64 |
        """;

    public SqliteBlogApp Sqlite { get; } = new();

    /// <summary>Its database is made empty for the copy; the site starts on it afterwards.</summary>
    public BlogAppFactory Postgres { get; } = new();

    public string ImageUrl { get; private set; } = "";
    public int ArticleId { get; private set; }
    public BlogCommand.Run Copy { get; private set; } = new(-1, "", "");

    public string TargetConnectionString => Postgres.ConnectionString;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgres)
            return; // every test of this fixture is skipped
        await WriteTheSqliteSiteAsync();
        Copy = await BlogCommand.RunOnAsync(DatabaseProvider.Sqlite, Sqlite.ConnectionString, Sqlite.DataFolder,
            "copy-to-postgres", TargetConnectionString, "--media-to", Postgres.MediaFolder);
        Assert.True(Copy.ExitCode == 0, Copy.Output + Copy.Errors);
    }

    private async Task WriteTheSqliteSiteAsync()
    {
        var client = await Sqlite.SignedInClientAsync(Admin);
        await client.SubmitFormAsync("/admin/settings", "form.settings-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "搬家前的学习笔记",
            ["Input.HeroText"] = HeroText,
            ["Input.TimeZone"] = "Asia/Shanghai",
            ["Input.PostsPerPage"] = "3",
        });
        var category = await Sqlite.AddCategoryAsync("强化学习", "reinforcement-learning", order: 4);
        ImageUrl = await Sqlite.AddImageAsync(originalName: "注意力热图.png");

        // The article, as the author writes it: published, then edited twice (two revisions), then
        // given a Chinese slug, which leaves its first one answering 301.
        var markdown = ArticleMarkdown.Replace("{image}", ImageUrl);
        var fields = Editor.Fields("注意力机制笔记", markdown, OldArticleSlug);
        fields["Input.CategoryId"] = "1";
        fields["Input.Tags"] = "Transformer, 注意力";
        ArticleId = (await client.SubmitFormAsync("/admin/posts/new", Editor.Form, fields, "立即发布")).SavedPostId();
        var url = $"/admin/posts/{ArticleId}";
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = markdown + "\n## 3. 小结\n\n注意力是一种加权平均。\n" }, "更新");
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Title"] = "注意力机制：从点积到多头" }, "更新");
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Slug"] = ArticleSlug }, "更新");

        await Sqlite.AddPostAsync(new PostBuilder("扩散模型入门").InCategory("generative-model").WithTags("扩散模型", "Transformer")
            .WithMarkdown("扩散模型逐步加噪再去噪，注意噪声调度 $\\beta_t$。\n").PublishedAt(DateTime.UtcNow.AddDays(-3)));
        await Sqlite.AddPostAsync(new PostBuilder("Python 装饰器").InCategory("python").WithTags("Python")
            .WithSummary("装饰器是返回函数的函数。").PublishedAt(DateTime.UtcNow.AddDays(-40)));
        await Sqlite.AddPostAsync(new PostBuilder("策略梯度").InCategory("reinforcement-learning").WithTags("强化学习")
            .PublishedAt(DateTime.UtcNow.AddDays(-400)));
        await Sqlite.AddPostAsync(new PostBuilder(DraftTitle).AsDraft().InCategory("reinforcement-learning").WithTags("强化学习"));
        await Sqlite.AddPostAsync(new PostBuilder(ScheduledTitle).ScheduledAt(DateTime.UtcNow.AddDays(7)).InCategory("reinforcement-learning"));
        await Sqlite.AddPostAsync(new PostBuilder(TrashedTitle).Trashed().WithTags("Transformer"));
        Assert.Equal("强化学习", category.Name);
    }

    public Task DisposeAsync()
    {
        Sqlite.Dispose();
        Postgres.Dispose();
        return Task.CompletedTask;
    }
}
