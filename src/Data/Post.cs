namespace Blog.Data;

public enum PostStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
}

/// <summary>An article. Rendered HTML, excerpt and reading figures are computed at save time.</summary>
public class Post
{
    public int Id { get; set; }
    // The author's text is saved without the characters XML cannot carry (see StoredText); EF
    // reads rows straight into the backing fields, so only what the app assigns goes through this.
    public required string Title { get; set => field = StoredText.Clean(value); }
    public required string Slug { get; set; }
    public string Markdown { get; set => field = StoredText.Clean(value); } = "";
    public string Html { get; set; } = "";

    /// <summary>The table of contents, empty for articles with fewer than three headings.</summary>
    public string TocHtml { get; set; } = "";

    /// <summary>The readable text of the article (code included), for search and its snippets.</summary>
    public string PlainText { get; set; } = "";

    /// <summary>The author's own summary; when empty the computed excerpt is shown.</summary>
    public string? Summary { get; set => field = StoredText.CleanOrNull(value); }
    public string Excerpt { get; set; } = "";

    /// <summary>Set when the Markdown could not be rendered; the Markdown is kept as typed.</summary>
    public string? RenderError { get; set; }
    public bool HasMath { get; set; }
    public bool HasCode { get; set; }
    public int WordCount { get; set; }
    public int ReadingMinutes { get; set; }
    public string? CoverImage { get; set; }

    /// <summary>The script the note is written in, <c>zh-Hans</c> or <c>zh-Hant</c>: its <c>lang</c>.</summary>
    public string Language { get; set; } = "zh-Hans";

    /// <summary>Whether the author chose <see cref="Language"/>; otherwise every render detects it from the text.</summary>
    public bool LanguageChosen { get; set; }

    /// <summary>The author's choice of script; anything but zh-Hans or zh-Hant (empty: "automatic") hands it back to detection.</summary>
    public void ChooseLanguage(string? language)
    {
        LanguageChosen = language is "zh-Hans" or "zh-Hant";
        if (LanguageChosen)
            Language = language!;
    }

    /// <summary>Version of the Markdown pipeline that produced <see cref="Html"/>; older ones are re-rendered.</summary>
    public int RenderVersion { get; set; }

    public PostStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Where an imported note came from, so that importing it again updates instead of duplicating.</summary>
    public string? SourceKey { get; set; }

    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public List<Tag> Tags { get; set; } = [];
    public List<Revision> Revisions { get; set; } = [];

    /// <summary>
    /// The editor's autosave: kept beside the post, never published and never a revision, until
    /// the author saves. Lets a reload or a crash lose at most a few seconds of typing.
    /// </summary>
    public string? AutosaveTitle { get; set => field = StoredText.CleanOrNull(value); }
    public string? AutosaveMarkdown { get; set => field = StoredText.CleanOrNull(value); }
    public DateTime? AutosavedAt { get; set; }

    /// <summary>Changes at every save; a save based on an older version is refused, never silently applied.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
