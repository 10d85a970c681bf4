using Blog.Data;
using Blog.Posts;

namespace Blog.Pages.Admin.Posts;

/// <summary>What the author asked for with the button they pressed.</summary>
public enum SaveIntent
{
    Save,
    Publish,
    Schedule,
    Unpublish,
}

/// <summary>What the editor shows about the stored post.</summary>
public sealed record EditorPost(int Id, string Slug, PostStatus Status, DateTime? PublishedAt, DateTime UpdatedAt, DateTime? DeletedAt,
    int RevisionCount, PostState State, bool HasBeenPublic, string Language)
{
    public bool IsPublic => State == PostState.Published;
}

/// <summary>A refused save: the version saved meanwhile, and how the author's text differs from it.</summary>
public sealed record EditConflict(DateTime SavedAt, Guid Version, string SavedTitle, SaveIntent Intent, DiffView Diff);
