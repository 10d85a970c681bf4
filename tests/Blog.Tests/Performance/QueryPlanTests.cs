using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Blog.Data;
using Blog.Import;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Performance;

/// <summary>
/// Every query of a public page, of the admin's lists and search, of the editor and of the import
/// finds its posts through an index: SQLite's plan for it (EXPLAIN QUERY PLAN, asked with the
/// query's own parameters just before it runs) never reads the whole posts table or its tag links,
/// and a list page reads its rows by id, not through the list's own index again.
/// </summary>
public sealed class QueryPlanTests : IDisposable
{
    private readonly PlanRecorder _plans = new();
    private readonly SqliteBlogApp _app;

    public QueryPlanTests() => _app = new SqliteBlogApp { Configuration = { ["Blog:OutputCache"] = "false" }, Interceptors = { _plans } };

    private sealed class PlanRecorder : DbCommandInterceptor
    {
        public ConcurrentQueue<(string Sql, List<string> Plan)> Recorded { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                Recorded.Enqueue((command.CommandText, PlanOf(command)));
            return ValueTask.FromResult(result);
        }

        private static List<string> PlanOf(DbCommand command)
        {
            using var explain = (SqliteCommand)command.Connection!.CreateCommand();
            explain.Transaction = (SqliteTransaction?)command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (SqliteParameter parameter in command.Parameters)
                explain.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
            var plan = new List<string>();
            using var reader = explain.ExecuteReader();
            while (reader.Read())
                plan.Add(reader.GetString(3));
            return plan;
        }
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task PublicPages_NeverReadTheWholePostsTable_AndListsReadTheirRowsById()
    {
        var client = _app.CreateClient();
        Post article = null!;
        for (var i = 0; i < 30; i++)
            article = await _app.AddPostAsync(new PostBuilder($"索引笔记 {i} {Guid.NewGuid():N}"[..20]).InCategory(i % 2 == 0 ? "python" : "large-model")
                .WithTags("索引", $"计划{i % 3}").WithMarkdown($"第 {i} 篇：注意力 $a^2$ 与 `softmax`。").PublishedAt(DateTime.UtcNow.AddHours(-i - 1)));
        var urls = new[]
        {
            "/", "/?page=2", $"/posts/{article.Slug}", "/category/python", "/tag/索引", "/archive",
            "/search?q=" + Uri.EscapeDataString("注意力"), "/feed.xml", "/category/python/feed.xml", "/sitemap.xml",
        };

        foreach (var url in urls)
        {
            _plans.Recorded.Clear();
            Assert.True((await client.GetAsync(url)).IsSuccessStatusCode, url);
            foreach (var (sql, plan) in _plans.Recorded)
            {
                AssertNoWholeTableRead(url, sql, plan);
                // A list's page of summaries (they carry the excerpt) is read by id.
                if (sql.Contains("\"Excerpt\"", StringComparison.Ordinal) && sql.Contains("\"p\".\"Id\" IN (", StringComparison.Ordinal))
                    Assert.True(plan.Any(step => step.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal)),
                        $"{url} reads its page's rows other than by id: {string.Join(" | ", plan)}\n{sql}");
            }
        }
    }

    [Fact]
    public async Task TheEditorAndTheImport_ReadAPostsTags_NotEveryPostsTagLinks()
    {
        _app.CreateClient();
        for (var i = 0; i < 5; i++)
            await _app.AddPostAsync(new PostBuilder($"标签笔记 {i}").WithTags("注意力", $"计划{i}"));
        var post = await _app.AddPostAsync(new PostBuilder("编辑器里的笔记").WithTags("注意力", "编辑"));
        var author = await _app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";

        _plans.Recorded.Clear();
        await author.OpenEditorAsync(url);
        Assert.Equal(post.Id, (await author.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "改过的正文 $x^2$" }, "更新")).SavedPostId());
        AssertNoWholeTableReads("the editor");

        // A note imported again: its post is found, with its tags, and updated.
        var notes = Path.Combine(_app.DataFolder, "notes");
        Directory.CreateDirectory(notes);
        var note = Path.Combine(notes, "再次导入.md");
        await File.WriteAllTextAsync(note, "---\ntags: [注意力, 导入]\n---\n# 再次导入\n\n第一版。\n");
        _plans.Recorded.Clear();
        Assert.Equal(ImportOutcome.Imported, Assert.Single((await _app.ImportAsync(notes)).Items).Outcome);
        AssertNoWholeTableReads("the import of a new note");
        await File.WriteAllTextAsync(note, "---\ntags: [注意力, 导入]\n---\n# 再次导入\n\n第二版，$e^{i\\pi}+1=0$。\n");
        _plans.Recorded.Clear();
        Assert.Equal(ImportOutcome.Updated, Assert.Single((await _app.ImportAsync(notes)).Items).Outcome);
        AssertNoWholeTableReads("the import");
    }

    [Fact]
    public async Task TheAdminsLists_NeverReadTheWholePostsTable()
    {
        _app.CreateClient();
        for (var i = 0; i < 5; i++)
            await _app.AddPostAsync(new PostBuilder($"后台列表 {i}").InCategory("python").WithTags("注意力"));
        await _app.AddPostAsync(new PostBuilder("草稿笔记").AsDraft());
        var author = await _app.SignedInClientAsync();

        var search = "/admin/posts?q=" + Uri.EscapeDataString("后台列表");
        foreach (var url in new[] { "/admin", "/admin/posts", "/admin/posts?status=draft", "/admin/posts?status=scheduled", "/admin/posts?status=trash", "/admin/posts?page=2", search, search + "&status=draft" })
        {
            _plans.Recorded.Clear();
            Assert.True((await author.GetAsync(url)).IsSuccessStatusCode, url);
            AssertNoWholeTableReads(url);
        }
    }

    private void AssertNoWholeTableReads(string what)
    {
        Assert.NotEmpty(_plans.Recorded);
        foreach (var (sql, plan) in _plans.Recorded)
            AssertNoWholeTableRead(what, sql, plan);
    }

    /// <summary>
    /// "SCAN p" alone walks every row of the posts table or of the posts' tag links (aliased p, p0, ...
    /// by EF), unless p names a subquery's result (CO-ROUTINE, MATERIALIZE), which is scanned by design.
    /// </summary>
    private static void AssertNoWholeTableRead(string what, string sql, List<string> plan)
    {
        var subqueries = plan.Select(step => Regex.Match(step, @"^(?:CO-ROUTINE|MATERIALIZE) (\S+)")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).ToHashSet();
        var tableScans = plan.Where(step => Regex.Match(step, @"^SCAN (p\d*|Posts|PostTags)$") is { Success: true } m
            && !subqueries.Contains(m.Groups[1].Value));
        Assert.True(!tableScans.Any(), $"{what} reads a whole table: {string.Join(" | ", plan)}\n{sql}");
    }
}
