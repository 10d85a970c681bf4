using Blog.Content;
using Blog.Posts;

namespace Blog.Data;

/// <summary>
/// What the author decided about publishing. "Scheduled" is not stored: a published post whose
/// <see cref="Post.PublishedAt"/> is still ahead is scheduled, and becomes public by its time alone
/// (see <see cref="PostQueries"/>).
/// </summary>
public enum PostStatus
{
    Draft = 0,
    // 1 was Scheduled, which is now derived from the publication time.
    Published = 2,
}

/// <summary>
/// An article, and the one place that changes its life: text, slug, publication, trash. Its
/// state has private setters, so every writer (the editor, a revision restore, the trash, both
/// imports, the welcome post) goes through the methods below; what needs the database as well
/// (unique slugs, tags, old-slug redirects) is in <see cref="PostWriter"/>. Rendered HTML,
/// excerpt and reading figures are computed at save time.
/// </summary>
public class Post
{
    /// <summary>A new draft. <paramref name="slug"/> must already be unique (see <see cref="PostSlugs.UniqueAsync"/>).</summary>
    public Post(string title, string slug, string markdown, DateTime createdUtc)
    {
        Title = title;
        Slug = slug;
        Markdown = markdown;
        CreatedAt = createdUtc;
        UpdatedAt = createdUtc;
        Status = PostStatus.Draft;
    }

    // For EF Core, which reads rows straight into the backing fields.
    private Post()
    {
        Title = "";
        Slug = "";
    }

    public int Id { get; private set; }
    // The author's text is saved without the characters XML cannot carry (see StoredText); EF
    // reads rows straight into the backing fields, so only what the app assigns goes through this.
    public string Title { get; private set => field = StoredText.Clean(value); }
    public string Slug { get; private set; }
    public string Markdown { get; private set => field = StoredText.Clean(value); } = "";
    public string Html { get; private set; } = "";

    /// <summary>The table of contents, empty for articles with fewer than three headings.</summary>
    public string TocHtml { get; private set; } = "";

    /// <summary>The readable text of the article (code included), for search and its snippets.</summary>
    public string PlainText { get; private set; } = "";

    /// <summary>The author's own summary; when empty the computed excerpt is shown.</summary>
    public string? Summary { get; set => field = StoredText.CleanOrNull(value); }
    public string Excerpt { get; private set; } = "";

    /// <summary>Set when the Markdown could not be rendered; the Markdown is kept as typed.</summary>
    public string? RenderError { get; private set; }
    public bool HasMath { get; private set; }
    public bool HasCode { get; private set; }
    public int WordCount { get; private set; }
    public int ReadingMinutes { get; private set; }
    public string? CoverImage { get; private set; }

    /// <summary>The script the note is written in, <c>zh-Hans</c> or <c>zh-Hant</c>: its <c>lang</c>.</summary>
    public string Language { get; private set; } = "zh-Hans";

    /// <summary>Whether the author chose <see cref="Language"/>; otherwise every render detects it from the text.</summary>
    public bool LanguageChosen { get; private set; }

    /// <summary>Version of the Markdown pipeline that produced <see cref="Html"/>; older ones are re-rendered.</summary>
    public int RenderVersion { get; private set; }

    public PostStatus Status { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? DeletedAt { get; private set; }

    /// <summary>Where an imported note came from, so that importing it again updates instead of duplicating.</summary>
    public string? SourceKey { get; set; }

    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public List<Tag> Tags { get; set; } = [];
    public List<Revision> Revisions { get; private set; } = [];

    /// <summary>
    /// The editor's autosave: kept beside the post, never published and never a revision, until
    /// the author saves. Lets a reload or a crash lose at most a few seconds of typing.
    /// </summary>
    public string? AutosaveTitle { get; private set => field = StoredText.CleanOrNull(value); }
    public string? AutosaveMarkdown { get; private set => field = StoredText.CleanOrNull(value); }
    public DateTime? AutosavedAt { get; private set; }

    /// <summary>Changes at every save; a save based on an older version is refused, never silently applied.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>Where the post stands at <paramref name="nowUtc"/>, by the rule of <see cref="PostQueries"/>.</summary>
    public PostState StateAt(DateTime nowUtc) => PostQueries.StateOf(Status, PublishedAt, DeletedAt, nowUtc);

    /// <summary>Readers see it right now.</summary>
    public bool IsPublicAt(DateTime nowUtc) => StateAt(nowUtc) == PostState.Published;

    /// <summary>True once readers could have seen the post at its slug (so its old URL may be out there).</summary>
    public bool HasBeenPublicAt(DateTime nowUtc) => PublishedAt is { } at && at <= nowUtc;

    /// <summary>
    /// Publishes now. Publishing again keeps the original date when there was one in the past, so
    /// an unpublish/publish round trip does not reorder the blog.
    /// </summary>
    public void Publish(DateTime nowUtc)
    {
        Status = PostStatus.Published;
        if (PublishedAt is not { } at || at > nowUtc)
            PublishedAt = nowUtc;
    }

    /// <summary>Publishes with this date: scheduled while it is ahead, published (with that date) once it has passed.</summary>
    public void Schedule(DateTime atUtc)
    {
        Status = PostStatus.Published;
        PublishedAt = atUtc;
    }

    /// <summary>
    /// A draft again. The publication date stays, as the date a later re-publish keeps, unless
    /// <paramref name="forgetDate"/> (an imported note marked as a draft has none).
    /// </summary>
    public void Unpublish(bool forgetDate = false)
    {
        Status = PostStatus.Draft;
        if (forgetDate)
            PublishedAt = null;
    }

    /// <summary>Out of readers' sight until restored; slug, dates and version stay, so an open editor can still save it.</summary>
    public void Trash(DateTime nowUtc) => DeletedAt = nowUtc;

    public void Restore() => DeletedAt = null;

    /// <summary>
    /// Replaces the title and Markdown, first keeping the old ones as a revision (unless neither
    /// changed, or the post is new). The revision is dated when that text was saved, which is what
    /// the author looks for in the history ("the version from 10:05"), not when it was replaced.
    /// </summary>
    public void ReplaceText(string title, string markdown)
    {
        if (Title == title && Markdown == markdown)
            return;
        if (Id != 0)
            Revisions.Add(new Revision { PostId = Id, Title = Title, Markdown = Markdown, SavedAt = UpdatedAt });
        Title = title;
        Markdown = markdown;
    }

    /// <summary>
    /// Typing autosaved since the last save, which a text from elsewhere (a restored revision, an
    /// import) is about to replace: kept as a revision, dated when it was typed, so nothing is lost.
    /// </summary>
    public void KeepUnsavedAutosave()
    {
        if (AutosavedAt is not { } at || at <= UpdatedAt || AutosaveMarkdown is not { } markdown)
            return;
        var title = string.IsNullOrEmpty(AutosaveTitle) ? Title : AutosaveTitle;
        if (title != Title || markdown != Markdown)
            Revisions.Add(new Revision { PostId = Id, Title = title, Markdown = markdown, SavedAt = at });
    }

    /// <summary>
    /// Gives the post a new slug (already made unique). Returns the old slug when it needs a
    /// redirect: once the post has been public, its old URL may be in bookmarks and search engines.
    /// <see cref="PostWriter.RenameAsync"/> keeps the redirect rows.
    /// </summary>
    public string? Rename(string slug, DateTime nowUtc)
    {
        if (Slug == slug)
            return null;
        var old = Slug;
        Slug = slug;
        return Id != 0 && old.Length > 0 && HasBeenPublicAt(nowUtc) ? old : null;
    }

    /// <summary>The author's choice of script; anything but zh-Hans or zh-Hant (empty: "automatic") hands it back to detection.</summary>
    public void ChooseLanguage(string? language)
    {
        LanguageChosen = language is "zh-Hans" or "zh-Hant";
        if (LanguageChosen)
            Language = language!;
    }

    /// <summary>
    /// What every save ends with: the text as rendered, the time of the save, a new version (an
    /// editor still open on the old one must not save over this) and an empty autosave slot
    /// (the save supersedes it).
    /// </summary>
    public void CompleteSave(RenderedMarkdown rendered, DateTime savedUtc)
    {
        ApplyRender(rendered);
        UpdatedAt = savedUtc;
        Version = Guid.NewGuid();
        AutosaveTitle = null;
        AutosaveMarkdown = null;
        AutosavedAt = null;
    }

    /// <summary>
    /// The Markdown rewritten by the site, not the author (links to notes imported later): no
    /// revision and no new save time, but a new version so an open editor does not save over it.
    /// </summary>
    public void RewriteMarkdown(string markdown, RenderedMarkdown rendered)
    {
        Markdown = markdown;
        ApplyRender(rendered);
        Version = Guid.NewGuid();
    }

    /// <summary>Typing kept in the autosave slot, nowhere else (a new post's first autosave creates it with its slot filled).</summary>
    public void Autosave(string title, string markdown, DateTime nowUtc)
    {
        AutosaveTitle = title;
        AutosaveMarkdown = markdown;
        AutosavedAt = nowUtc;
    }

    /// <summary>
    /// How much of a post's text search keeps. Indexing costs about a second per two million
    /// characters and every search result loads the text for its snippet, so a note of
    /// megabytes (or an unrendered paste of ten) is searchable by its first 300,000 characters,
    /// a hundred pages, rather than making every save and search of it slow.
    /// </summary>
    public const int MaxSearchableLength = 300_000;

    /// <summary>Stores everything computed from the Markdown, rendered beforehand (a save, or a re-render after the pipeline changed).</summary>
    public void ApplyRender(RenderedMarkdown rendered)
    {
        Html = rendered.Html;
        TocHtml = rendered.TocHtml;
        // A note that failed to render is still searchable by its text as typed.
        PlainText = Searchable(rendered.Error is null ? rendered.PlainText : Markdown);
        Excerpt = rendered.Excerpt;
        WordCount = rendered.WordCount;
        ReadingMinutes = rendered.ReadingMinutes;
        HasMath = rendered.HasMath;
        HasCode = rendered.HasCode;
        CoverImage = rendered.FirstImage;
        RenderError = rendered.Error;
        RenderVersion = MarkdownRenderer.Version;
        if (!LanguageChosen)
            Language = Search.ChineseVariants.DetectScript(Title + PlainText);
    }

    private static string Searchable(string text)
    {
        if (text.Length <= MaxSearchableLength)
            return text;
        var end = char.IsHighSurrogate(text[MaxSearchableLength - 1]) ? MaxSearchableLength - 1 : MaxSearchableLength;
        return text[..end];
    }
}
