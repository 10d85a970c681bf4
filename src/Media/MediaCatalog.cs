using System.Collections.Concurrent;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Media;

/// <summary>What a page needs to know about a stored image to show it.</summary>
public sealed record MediaFacts(PixelSize Size, string? Description);

/// <summary>
/// The sizes and descriptions of stored images, kept in memory for the renderer: a note with 200
/// screenshots, or a start that re-renders every post, asks the database once per render for the
/// images it has not met yet, never once per image. A stored file's size never changes (its name
/// is its content's hash), so only a description can go stale, and <see cref="Remember"/> is told.
/// Images stored before sizes were kept have theirs read from the file the first time they are shown.
/// </summary>
public sealed class MediaCatalog(IServiceScopeFactory scopes, MediaFolder folder, ILogger<MediaCatalog> logger)
{
    private readonly ConcurrentDictionary<string, MediaFacts> _known = new(StringComparer.Ordinal);

    public void Remember(Data.Media media)
    {
        if (media.Width is { } width && media.Height is { } height)
            _known[media.FileName] = new MediaFacts(new PixelSize(width, height), media.Description);
    }

    /// <summary>The facts of those of <paramref name="fileNames"/> that are stored images.</summary>
    public IReadOnlyDictionary<string, MediaFacts> Find(IReadOnlyCollection<string> fileNames)
    {
        var found = new Dictionary<string, MediaFacts>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in fileNames)
        {
            if (_known.TryGetValue(name, out var facts))
                found[name] = facts;
            else if (!missing.Contains(name))
                missing.Add(name);
        }
        if (missing.Count > 0)
            Load(missing, found);
        return found;
    }

    private void Load(List<string> missing, Dictionary<string, MediaFacts> found)
    {
        var rows = new Dictionary<string, (int? Width, int? Height, string? Description)>(StringComparer.Ordinal);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
            foreach (var row in db.Media.AsNoTracking().Where(m => missing.Contains(m.FileName))
                         .Select(m => new { m.FileName, m.Width, m.Height, m.Description }).ToList())
                rows[row.FileName] = (row.Width, row.Height, row.Description);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A preview while the database is away still shows the images; their sizes come from the files.
            logger.LogWarning("Image sizes could not be read from the database ({Reason}); reading the files", e.Message);
        }

        foreach (var name in missing)
        {
            rows.TryGetValue(name, out var row);
            var size = row is { Width: { } width, Height: { } height }
                ? new PixelSize(width, height)
                : folder.PathOf(name) is { } path ? ImageProbe.OfFile(path) : null;
            if (size is null)
                continue;
            found[name] = _known[name] = new MediaFacts(size.Value, row.Description);
        }
    }
}
