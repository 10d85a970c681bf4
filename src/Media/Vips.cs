using NetVips;

namespace Blog.Media;

/// <summary>
/// libvips, set up once for a web server: no operation cache (each image is read once and its
/// variants written once, so a cache only holds memory), one worker thread per operation (the
/// variants are background work on a small machine), no loaders outside the audited set, and
/// its warnings in our log rather than on standard error. Where its native library is missing
/// (a platform without a NetVips.Native package here), images are served as they are, unsized.
/// </summary>
internal static class Vips
{
    private static readonly Lazy<bool> Ready = new(() =>
    {
        try
        {
            Cache.Max = 0;
            Cache.MaxFiles = 0;
            Cache.MaxMem = 0;
            NetVips.NetVips.Concurrency = 1;
            NetVips.NetVips.BlockUntrusted = true;
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug,
                (_, _, message) => Serilog.Log.Debug("libvips: {Message}", message));
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            Serilog.Log.Warning("libvips could not be loaded ({Reason}): images are served without sizes or WebP copies", e.Message);
            return false;
        }
    });

    /// <summary>False when libvips cannot be loaded on this machine.</summary>
    public static bool Available => Ready.Value;
}
