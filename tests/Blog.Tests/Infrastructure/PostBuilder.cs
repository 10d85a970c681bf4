using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Infrastructure;

/// <summary>Test data: a Chinese study note, published yesterday unless told otherwise; made through <see cref="Post"/>'s own methods.</summary>
public sealed class PostBuilder
{
    private static int _counter;

    public string Title { get; private set; }
    public string Slug { get; private set; }
    private string _markdown = "这是一篇关于 **Transformer** 的学习笔记，公式 $a_1 + b_1$。\n\n```python\nimport torch\n```\n";
    private DateTime? _publishedAt = DateTime.UtcNow.AddDays(-1);
    private DateTime? _deletedAt;
    private string? _category;
    private string[] _tags = [];
    private string? _summary;

    public PostBuilder(string? title = null)
    {
        var n = Interlocked.Increment(ref _counter);
        Title = title ?? $"测试笔记 {n} {Guid.NewGuid():N}"[..20];
        Slug = $"note-{n}-{Guid.NewGuid():N}"[..24];
    }

    public PostBuilder WithSlug(string slug) { Slug = slug; return this; }
    public PostBuilder WithMarkdown(string markdown) { _markdown = markdown; return this; }
    public PostBuilder WithSummary(string summary) { _summary = summary; return this; }
    public PostBuilder InCategory(string slug) { _category = slug; return this; }
    public PostBuilder WithTags(params string[] tags) { _tags = tags; return this; }
    public PostBuilder PublishedAt(DateTime utc) { _publishedAt = utc; return this; }
    public PostBuilder AsDraft() { _publishedAt = null; return this; }
    public PostBuilder ScheduledAt(DateTime utc) { _publishedAt = utc; return this; }
    public PostBuilder Trashed() { _deletedAt = DateTime.UtcNow; return this; }

    internal async Task<Post> BuildAsync(BlogDbContext db)
    {
        var tags = await new PostWriter(db).TagsAsync(PostTags.Clean(_tags), CancellationToken.None);
        var post = new Post(Title, Slug, _markdown, DateTime.UtcNow)
        {
            Summary = _summary,
            Category = _category is null ? null : await db.Categories.SingleAsync(c => c.Slug == _category),
            Tags = tags,
        };
        if (_publishedAt is { } at)
            post.Schedule(at);
        if (_deletedAt is { } deletedAt)
            post.Trash(deletedAt);
        return post;
    }
}
