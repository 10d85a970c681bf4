using Blog.Content;
using Blog.Data;

namespace Blog.Posts;

/// <summary>What the author asked for with the button they pressed.</summary>
public enum SaveIntent
{
    Save,
    Publish,
    Schedule,
    Unpublish,
}

/// <summary>
/// The steps every save of a post takes, shared by the editor and the revision restore (which is
/// a save too): keep the previous text, apply the new one, render, and mark the new version.
/// </summary>
public static class PostSaving
{
    /// <summary>
    /// Replaces the post's title and Markdown, first keeping the old ones as a revision, unless
    /// neither changed. The revision is dated when that text was saved, which is what the author
    /// looks for in the history ("the version from 10:05"), not when it was replaced.
    /// </summary>
    public static void ReplaceText(this BlogDbContext db, Post post, string title, string markdown)
    {
        if (post.Title == title && post.Markdown == markdown)
            return;
        if (post.Id != 0)
            db.Revisions.Add(new Revision { PostId = post.Id, Title = post.Title, Markdown = post.Markdown, SavedAt = post.UpdatedAt });
        post.Title = title;
        post.Markdown = markdown;
    }

    /// <summary>Renders, stamps and versions a saved post, and empties its autosave slot (the save supersedes it).</summary>
    public static void CompleteSave(this MarkdownRenderer renderer, Post post, DateTime nowUtc)
    {
        renderer.RenderInto(post);
        post.UpdatedAt = nowUtc;
        post.Version = Guid.NewGuid();
        post.AutosaveTitle = null;
        post.AutosaveMarkdown = null;
        post.AutosavedAt = null;
    }

    /// <summary>
    /// Moves the post to the state the author asked for. Publishing again keeps the original date
    /// when there was one in the past, so an unpublish/publish round trip does not reorder the blog;
    /// a schedule whose time has already passed publishes with that date.
    /// </summary>
    public static void Apply(this Post post, SaveIntent intent, DateTime? scheduleUtc, DateTime nowUtc)
    {
        switch (intent)
        {
            case SaveIntent.Publish:
                post.Status = PostStatus.Published;
                if (post.PublishedAt is not { } at || at > nowUtc)
                    post.PublishedAt = nowUtc;
                break;
            case SaveIntent.Schedule when scheduleUtc is { } when:
                post.Status = when > nowUtc ? PostStatus.Scheduled : PostStatus.Published;
                post.PublishedAt = when;
                break;
            case SaveIntent.Unpublish:
                // PublishedAt stays: it is the date a later re-publish keeps.
                post.Status = PostStatus.Draft;
                break;
        }
    }

    /// <summary>True once readers could have seen the post at its slug (so its old URL may be out there).</summary>
    public static bool HasBeenPublic(this Post post, DateTime nowUtc) => post.PublishedAt is { } at && at <= nowUtc;

    /// <summary>Public right now, by the same rule as <see cref="PostQueries.Published"/>.</summary>
    public static bool IsPublic(this Post post, DateTime nowUtc) =>
        post.Status is PostStatus.Published or PostStatus.Scheduled && post.HasBeenPublic(nowUtc) && post.DeletedAt is null;
}
