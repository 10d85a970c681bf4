using System.Runtime.InteropServices;

namespace Blog.Hosting;

/// <summary>
/// glibc's malloc, which the native parts of the process share: V8 (the math engine), SQLite, and
/// brotli and zlib compressing cached pages. Its defaults suit a program with few threads: each
/// thread that allocates under contention gets an arena of its own (up to eight per core) that
/// keeps what it freed, and once a large block (a brotli window, V8's parser zones) has been freed,
/// blocks of that size come from the arenas too and stay there. After a re-render and some load,
/// arenas held 60 to 80 MB with little in use (bench/math.sh). Not glibc (musl, macOS): nothing to do.
/// </summary>
internal static class NativeHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3, ArenaMax = -8; // mallopt's M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX

    /// <summary>
    /// Blocks from 512 KB up are mapped on their own and given back when freed (fixing the threshold
    /// turns off glibc's raising it), and one arena per core is shared by the threads. Smaller blocks
    /// stay in the arenas, and an arena keeps up to 1 MB free at its top: zlib's state for each
    /// compressed answer (a few hundred KB, made and freed at every request) was mapped, zeroed page
    /// by page and unmapped again at every request. <see cref="Trim"/> still
    /// gives everything free back after a burst.
    /// </summary>
    public static void Configure()
    {
        Try(() =>
        {
            MallOpt(MmapThreshold, 512 * 1024);
            MallOpt(TrimThreshold, 1024 * 1024);
            MallOpt(ArenaMax, Math.Max(2, Environment.ProcessorCount));
        });
    }

    /// <summary>Gives the arenas' free pages back to the system, after a burst of native work (a re-render, the math engine stopped).</summary>
    public static void Trim() => Try(() => MallocTrim(0));

    private static void Try(Action call)
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another C library: it manages its memory its own way.
        }
    }

    // DllImport rather than LibraryImport: plain integers need no marshalling code, nor unsafe code for it.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
