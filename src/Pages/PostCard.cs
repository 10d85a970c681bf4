using Blog.Posts;
using Blog.Search;

namespace Blog.Pages;

/// <summary>Where a card stands: it keeps the markup each place has always had.</summary>
public enum PostCardPlace
{
    /// <summary>Home, category and tag pages.</summary>
    List,

    /// <summary>Under an article: its heading is a level lower, and the category is named, not linked.</summary>
    Related,

    /// <summary>A search result: the text is the highlighted snippet.</summary>
    SearchResult,
}

/// <summary>One post in a list of posts, as the partial <c>_PostCard</c> draws it.</summary>
public sealed record PostCard(PostCardPlace Place, string Title, string Slug, DateTime PublishedAt, CategoryLink? Category, string Text)
{
    public static PostCard InList(PostSummary post) => new(PostCardPlace.List, post.Title, post.Slug, post.PublishedAt, post.Category, post.Excerpt);

    public static PostCard Related(PostSummary post) => new(PostCardPlace.Related, post.Title, post.Slug, post.PublishedAt, post.Category, post.Excerpt);

    /// <summary>The snippet is HTML: the note's text encoded by <see cref="PostSearch"/>, with marks around the matches.</summary>
    public static PostCard Found(SearchResult result) =>
        new(PostCardPlace.SearchResult, result.Title, result.Slug, result.PublishedAt, result.Category, result.SnippetHtml);
}
