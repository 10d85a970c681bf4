using Blog.Data;
using Blog.Export;
using Blog.Hosting;
using Blog.Import;
using Blog.Localization;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Import;

/// <summary>Import a .zip of notes; download an export of every post, or a backup of the database.</summary>
[UploadLimit(Bytes = MaxZipBytes, Message = "The upload is {0}, over the limit of {1} for an upload: split the notes into smaller .zip files, or run the import command on the server. Nothing was stored.")]
public class IndexModel(BlogDbContext db, NoteImporter importer, NoteExporter exporter, SiteSettingsStore settings, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>As much as the importer inflates from one archive.</summary>
    public const long MaxZipBytes = ZipNoteSource.DefaultMaxInflatedBytes;

    public sealed class InputModel
    {
        public IFormFile? Zip { get; set; }

        /// <summary>Say what the import would do, write nothing.</summary>
        public bool DryRun { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The report of the import just run; null before one.</summary>
    public ImportReport? Report { get; private set; }

    public int Exported { get; private set; }
    public int Drafts { get; private set; }
    public int Trashed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[UploadLimitAttribute.RefusedKey] is string refused)
            ModelState.AddModelError("", refused);
        await CountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(Input.Zip?.FileName ?? "");
        if (Input.Zip is not { Length: > 0 } zip)
        {
            ModelState.AddModelError("", Input.Zip is null ? text["Choose a .zip of notes to import."] : text["“{0}” is empty.", name]);
        }
        else
        {
            await using var stream = zip.OpenReadStream();
            Report = await importer.ImportZipAsync(stream, $"“{name}”", Input.DryRun, cancellationToken);
            if (Report.Error is { } error)
                ModelState.AddModelError("", error.In(text));
        }
        await CountAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        // Written to a temporary file first: a failure midway is an error page, not a truncated
        // download, and the browser learns the size. The file goes when the response closes it.
        var stream = TemporaryFile(".zip");
        try
        {
            await exporter.ExportAsync(stream, cancellationToken);
            stream.Position = 0;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
        return File(stream, "application/zip", $"blog-export-{LocalNow():yyyy-MM-dd-HHmm}.zip");
    }

    /// <summary>The report's counts in the interface's language (the command prints <see cref="ImportReport.Summary"/>).</summary>
    public string Summary(ImportReport report) => string.Concat(report.SummaryParts.Select(part => part.In(text)));

    public bool BackupSupported => DatabaseBackup.IsSupported(db);

    public async Task<IActionResult> OnPostBackupAsync(CancellationToken cancellationToken)
    {
        if (!BackupSupported)
            return new ContentResult { StatusCode = StatusCodes.Status409Conflict, Content = text[DatabaseBackup.PostgresAdvice], ContentType = "text/plain; charset=utf-8" };
        // VACUUM INTO creates its target itself, so the file is opened (to delete on close) after.
        var path = Path.Combine(Path.GetTempPath(), $"blog-backup-{Guid.NewGuid():N}.db");
        try
        {
            await DatabaseBackup.WriteAsync(db, path, cancellationToken);
        }
        catch
        {
            System.IO.File.Delete(path);
            throw;
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return File(stream, "application/vnd.sqlite3", $"blog-backup-{LocalNow():yyyy-MM-dd-HHmm}.db");
    }

    private DateTime LocalNow() => settings.Current.ToLocal(clock.GetUtcNow().UtcDateTime);

    private static FileStream TemporaryFile(string extension) =>
        new(Path.Combine(Path.GetTempPath(), $"blog-{Guid.NewGuid():N}{extension}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        // Counted by the publishing rule (PostQueries), as the export writes them: drafts go out marked as such.
        Trashed = await db.Posts.InTrash().CountAsync(cancellationToken);
        Drafts = await db.Posts.Drafts().CountAsync(cancellationToken);
        Exported = await db.Posts.CountAsync(cancellationToken) - Trashed;
    }
}
