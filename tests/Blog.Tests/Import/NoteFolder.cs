using System.IO.Compression;
using System.Text;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Import;

/// <summary>A temporary folder of notes (and images) that a test writes, imports, and throws away.</summary>
public sealed class NoteFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "blog-import-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A short token that makes a test's titles and slugs its own.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..8];

    public NoteFolder() => Directory.CreateDirectory(Root);

    public string Write(string relativePath, string text) =>
        WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The folder's files as a zip, entries named by their relative paths.</summary>
    public byte[] Zip(params (string Name, byte[] Content)[] extraEntries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                zip.CreateEntryFromFile(file, Path.GetRelativePath(Root, file).Replace('\\', '/'));
            foreach (var (name, content) in extraEntries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public static class ImportTestExtensions
{
    public static async Task<ImportReport> ImportAsync(this BlogAppFactory app, string path)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NoteImporter>().ImportAsync(path);
    }

    public static async Task<ImportReport> ImportZipAsync(this BlogAppFactory app, byte[] zip)
    {
        using var scope = app.Services.CreateScope();
        using var stream = new MemoryStream(zip);
        return await scope.ServiceProvider.GetRequiredService<NoteImporter>().ImportZipAsync(stream);
    }

    /// <summary>
    /// Makes the database refuse to insert a post with this title, as a save that fails in the
    /// database would. <paramref name="id"/> (hex digits) names the trigger: DDL takes no parameters.
    /// </summary>
    public static Task RefusePostsTitledAsync(this BlogAppFactory app, string title, string id)
    {
        var trigger = TestDatabase.IsPostgres
            ? $"CREATE FUNCTION refuse_{id}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$; "
              + $"CREATE TRIGGER refuse_{id} BEFORE INSERT ON \"Posts\" FOR EACH ROW WHEN (NEW.\"Title\" = '{title}') EXECUTE FUNCTION refuse_{id}();"
            : $"CREATE TRIGGER refuse_{id} BEFORE INSERT ON Posts WHEN NEW.Title = '{title}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;";
        return app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(trigger));
    }

    public static ImportItem Item(this ImportReport report, string file) =>
        report.Items.SingleOrDefault(i => i.File == file)
        ?? throw new Xunit.Sdk.XunitException($"no report item for {file}; items: {string.Join(", ", report.Items.Select(i => i.File))}");
}
