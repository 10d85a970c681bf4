using System.Net;
using System.Text;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

public sealed record SearchResult(string Title, string Slug, string SnippetHtml, DateTime PublishedAt, CategoryLink? Category);

public sealed record SearchPage(IReadOnlyList<SearchResult> Results, int Total, int Number, int TotalPages);

/// <summary>Full-text search over published posts, CJK-aware, ranked with title matches first.</summary>
public sealed class PostSearch(BlogDbContext db, TimeProvider clock)
{
    public const int PageSize = 10;
    private const int SnippetLength = 120;

    public async Task<SearchPage> SearchAsync(SearchQuery query, int page, CancellationToken cancellationToken)
    {
        if (query.FtsExpression is null)
            return new SearchPage([], 0, 1, 1);

        var hits = ISearchIndex.For(db.Database.GetDbConnection()).Match(db, query);
        var matches = hits.Join(db.Posts.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime), h => h.Id, p => p.Id, (h, p) => new { h.Rank, Post = p });

        var total = await matches.CountAsync(cancellationToken);
        var totalPages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var rows = await matches.OrderBy(m => m.Rank).ThenByDescending(m => m.Post.PublishedAt)
            .Skip((Math.Min(page, totalPages) - 1) * PageSize).Take(PageSize)
            .Select(m => new
            {
                m.Post.Title, m.Post.Slug, m.Post.PlainText, m.Post.Summary, PublishedAt = m.Post.PublishedAt!.Value,
                Category = m.Post.Category == null ? null : new CategoryLink(m.Post.Category.Name, m.Post.Category.Slug),
            })
            .ToListAsync(cancellationToken);

        var results = rows.Select(r => new SearchResult(
            r.Title, r.Slug, Snippet(r.PlainText.Length > 0 ? r.PlainText : r.Summary ?? "", query.Terms), r.PublishedAt, r.Category)).ToList();
        return new SearchPage(results, total, Math.Min(page, totalPages), totalPages);
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
