using System.Net;
using System.Text;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

public sealed record SearchResult(string Title, string Slug, string SnippetHtml, DateTime PublishedAt, CategoryLink? Category);

public sealed record SearchPage(IReadOnlyList<SearchResult> Results, int Total, int Number, int TotalPages)
{
    /// <summary>"3 notes", or "1000+ notes" past the count limit.</summary>
    public string TotalText => Total > PostSearch.CountLimit ? $"{PostSearch.CountLimit}+ notes" : Total == 1 ? "1 note" : $"{Total} notes";
}

/// <summary>Full-text search over published posts, CJK-aware, ranked with title matches first.</summary>
public sealed class PostSearch(BlogDbContext db, TimeProvider clock)
{
    public const int PageSize = 10;
    private const int SnippetLength = 120;

    /// <summary>Past this many matches the count says "1000+": counting every match of a common word costs more than the page.</summary>
    public const int CountLimit = 1000;

    public async Task<SearchPage> SearchAsync(SearchQuery query, int page, CancellationToken cancellationToken)
    {
        if (query.FtsExpression is null)
            return new SearchPage([], 0, 1, 1);

        var index = db.Dialect.Search;
        var now = clock.GetUtcNow().UtcDateTime;
        var total = await index.CountAsync(db, query, now, CountLimit, cancellationToken);
        var totalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Min(page, totalPages);
        var ids = await index.PageAsync(db, query, now, (page - 1) * PageSize, PageSize, cancellationToken);

        var rows = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Title, p.Slug, p.PlainText, p.Summary, PublishedAt = p.PublishedAt!.Value,
                Category = p.Category == null ? null : new CategoryLink(p.Category.Name, p.Category.Slug),
            })
            .ToListAsync(cancellationToken);

        var results = rows.OrderBy(r => ids.IndexOf(r.Id)).Select(r => new SearchResult(
            r.Title, r.Slug, Snippet(r.PlainText.Length > 0 ? r.PlainText : r.Summary ?? "", query.Terms), r.PublishedAt, r.Category)).ToList();
        return new SearchPage(results, total, page, totalPages);
    }

    /// <summary>
    /// A window of the text around the first match, HTML-escaped, with every term wrapped in
    /// &lt;mark&gt;. Matching runs on folded text, whose positions are the original's.
    /// </summary>
    internal static string Snippet(string text, IReadOnlyList<string> terms)
    {
        text = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var folded = ChineseVariants.Fold(text);
        var needles = terms.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();

        var first = needles.Select(n => folded.IndexOf(n, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - SnippetLength / 3);
        var end = Math.Min(text.Length, start + SnippetLength);
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;

        var marks = new bool[end - start];
        foreach (var needle in needles)
        {
            for (var at = folded.IndexOf(needle, start, StringComparison.Ordinal); at >= 0 && at < end; at = folded.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                for (var i = at; i < Math.Min(at + needle.Length, end); i++)
                    marks[i - start] = true;
            }
        }

        var html = new StringBuilder(start > 0 ? "…" : "");
        for (var i = 0; i < marks.Length;)
        {
            var j = i;
            while (j < marks.Length && marks[j] == marks[i]) j++;
            var part = WebUtility.HtmlEncode(text.Substring(start + i, j - i));
            html.Append(marks[i] ? $"<mark>{part}</mark>" : part);
            i = j;
        }
        return html.Append(end < text.Length ? "…" : "").ToString();
    }
}
