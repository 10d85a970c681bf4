namespace Blog.Feeds;

/// <summary>What a feed shows of one post.</summary>
public sealed record FeedEntry(
    int Id,
    string Title,
    string Slug,
    string Summary,
    string Html,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    DateTime CreatedAt,
    string? Category,
    IReadOnlyList<string> Tags);

/// <summary>The channel: which posts, under what title, at which URLs.</summary>
public sealed record FeedChannel(string Title, string Description, string SiteUrl, string SelfUrl, string Language, string Author);
