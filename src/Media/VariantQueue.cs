using System.Threading.Channels;

namespace Blog.Media;

/// <summary>
/// Makes the WebP copies of newly stored images in the background, so that an upload or an import
/// of hundreds of screenshots is not kept waiting for them. The work waits for a quiet moment (no
/// image stored for <see cref="Quiet"/>): during an import the import has the processor. At start
/// it also looks for stored images without copies (stored by the import command, by another node,
/// or before copies were made). A copy still missing when a reader asks for it is made then.
/// </summary>
public sealed class VariantQueue(VariantMaker maker, MediaFolder folder, TimeProvider clock, ILogger<VariantQueue> logger) : BackgroundService
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    // Bounded: past this the images are made when first asked for, not kept in memory.
    private readonly Channel<string> _pending = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _lastStoredTicks;

    /// <summary>Never waits: a full queue drops the image, whose copies are then made on demand.</summary>
    public void Enqueue(string fileName)
    {
        Interlocked.Exchange(ref _lastStoredTicks, clock.GetUtcNow().UtcTicks);
        _pending.Writer.TryWrite(fileName);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = Task.Run(() => SweepAsync(stoppingToken), stoppingToken);
        await foreach (var fileName in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            await WaitForQuietAsync(stoppingToken);
            try
            {
                await maker.MakeAllAsync(fileName, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Making the WebP copies of {Image} failed", fileName);
            }
        }
    }

    private async Task WaitForQuietAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var since = clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastStoredTicks);
            if (since >= Quiet.Ticks)
                return;
            await Task.Delay(TimeSpan.FromTicks(Quiet.Ticks - since), clock, stoppingToken);
        }
    }

    /// <summary>Queues the stored images that have no copy yet.</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Quiet, clock, stoppingToken);
            if (!Directory.Exists(folder.Root))
                return;
            var done = Directory.Exists(folder.VariantFolder)
                ? Directory.EnumerateFiles(folder.VariantFolder, "*.webp").Select(f => Path.GetFileName(f).Split('-')[0]).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var file in Directory.EnumerateFiles(folder.Root))
            {
                var name = Path.GetFileName(file);
                if (MediaFolder.StoredName().IsMatch(name) && !name.EndsWith(".gif", StringComparison.Ordinal) && !done.Contains(Path.GetFileNameWithoutExtension(name)))
                    _pending.Writer.TryWrite(name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not look for images without WebP copies in {Folder}: {Reason}", folder.Root, e.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
