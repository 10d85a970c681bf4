using NetVips;

namespace Blog.Media;

/// <summary>
/// Makes an image's WebP copies with libvips. One image at a time in this process, whoever asks
/// (the background queue or a reader whose copy is missing): on a small machine a second encode
/// at once would only slow both. Files are written under a temporary name and moved into place,
/// so a reader or another node sharing the folder never sees half a file.
/// </summary>
public sealed class VariantMaker(MediaFolder media, ILogger<VariantMaker> logger)
{
    private const int Quality = 80;
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Makes the copies of a stored image that are missing; the widths made.</summary>
    public async Task<IReadOnlyList<int>> MakeAllAsync(string original, CancellationToken cancellationToken)
    {
        if (media.PathOf(original) is not { } path || ImageProbe.OfFile(path) is not { } size)
            return [];
        var missing = ImageVariants.WidthsFor(original, size).Where(w => !File.Exists(media.VariantPath(original, w))).ToList();
        if (missing.Count == 0)
            return [];
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Make(path, original, missing), cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Makes one copy a reader asked for; false when it cannot be made (in time).</summary>
    public async Task<bool> MakeAsync(string original, int width, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (media.PathOf(original) is not { } path || ImageProbe.OfFile(path) is not { } size || !ImageVariants.WidthsFor(original, size).Contains(width))
            return false;
        if (!await _one.WaitAsync(wait, cancellationToken))
            return false;
        try
        {
            // Made meanwhile by the queue, or by another reader's request.
            return File.Exists(media.VariantPath(original, width)) || (await Task.Run(() => Make(path, original, [width]), cancellationToken)).Count == 1;
        }
        finally
        {
            _one.Release();
        }
    }

    private List<int> Make(string path, string original, List<int> widths)
    {
        var made = new List<int>();
        try
        {
            Directory.CreateDirectory(media.VariantFolder);
            foreach (var width in widths.OrderDescending())
            {
                // Height is left free (a long screenshot stays long); Down never enlarges.
                using var image = Image.Thumbnail(path, width, height: 10_000_000, size: Enums.Size.Down);
                var target = media.VariantPath(original, width);
                var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
                image.Webpsave(temporary, q: Quality, smartSubsample: true, effort: 4, keep: Enums.ForeignKeep.None);
                File.Move(temporary, target, overwrite: true);
                made.Add(width);
            }
        }
        catch (Exception e) when (e is VipsException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not make the WebP copies of {Image}: {Reason}", original, e.Message.Split('\n')[0]);
        }
        return made;
    }
}
