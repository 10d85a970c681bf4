using System.Runtime.InteropServices;
using Blog.Content.Formulas;

namespace Blog.Hosting;

/// <summary>
/// What the process's memory (its resident set) is made of, in the parts that can grow: the .NET
/// heap, V8's heap (the math engine), the native malloc heap (SQLite, V8 outside its heap,
/// compression), and the rest: code, mapped files (the assemblies, V8's library), thread stacks.
/// Logged when the background re-render ends and when the site stops, so that a figure in a log or a
/// benchmark says where the memory went.
/// </summary>
/// <param name="Resident">The resident set.</param>
/// <param name="Managed">The .NET heap as committed: what the objects use, their garbage, and room held for the next.</param>
/// <param name="ManagedInUse">What the objects used at the last collection.</param>
/// <param name="MathEngine">V8's heap; 0 when the engine is stopped, null when it was busy.</param>
/// <param name="NativeHeap">What malloc took from the system, in use or free in its arenas; null when not glibc's.</param>
public sealed record ProcessMemory(long Resident, long Managed, long ManagedInUse, long? MathEngine, long? NativeHeap)
{
    /// <summary>
    /// Code, mapped files and stacks: the resident set less the heaps, never below 0. A heap counts
    /// pages that need not be resident (committed but not yet touched, or given back to the system
    /// and still counted), so in a process of many large heaps they can add up to more than the RSS.
    /// </summary>
    public long Rest => Math.Max(0, Resident - Managed - (MathEngine ?? 0) - (NativeHeap ?? 0));

    public static ProcessMemory Measure(MathTypesetter? math)
    {
        var gc = GC.GetGCMemoryInfo();
        return new ProcessMemory(Environment.WorkingSet, gc.TotalCommittedBytes, gc.HeapSizeBytes, math is null ? 0 : math.HeapBytes(), MallocSystemBytes());
    }

    public override string ToString() =>
        $"RSS {Mb(Resident)} MB: .NET heap {Mb(Managed)} MB ({Mb(ManagedInUse)} in use), math engine (V8 heap) {(MathEngine is { } v8 ? Mb(v8).ToString() : "?")} MB, "
        + $"native heap {(NativeHeap is { } native ? Mb(native).ToString() : "?")} MB, code, mapped files and stacks {Mb(Rest)} MB";

    private static long Mb(long bytes) => (bytes + (1 << 19)) >> 20;

    public static void Log(ILogger logger, string when, MathTypesetter? math) =>
        logger.LogInformation("Memory {When}: {Memory}", when, Measure(math));

    /// <summary>glibc's mallinfo2: bytes of the arenas (the main heap and the others) and of the blocks mapped on their own.</summary>
    private static long? MallocSystemBytes()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var info = MallInfo2();
            return (long)(info.Arena + info.MappedBytes);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, MaxTotal, FreeSmall, InUse, Free, KeepCost;
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo MallInfo2();
}
