using NetVips;

namespace Blog.Media;

/// <summary>
/// libvips, set up once for a web server: no operation cache (each image is read once and its
/// variants written once, so a cache only holds memory), one worker thread per operation (the
/// variants are background work on a small machine), no loaders outside the audited set, and
/// its warnings in our log rather than on standard error.
/// </summary>
internal static class Vips
{
    private static readonly Lazy<bool> Ready = new(() =>
    {
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = 1;
        NetVips.NetVips.BlockUntrusted = true;
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug,
            (_, _, message) => Serilog.Log.Debug("libvips: {Message}", message));
        return true;
    });

    public static void EnsureReady() => _ = Ready.Value;
}
