using Blog.Content;
using Blog.Content.Formulas;
using Blog.Hosting;

namespace Blog.Tests.Hosting;

/// <summary>The memory line the site logs (after a re-render, at stop) says where the process's memory went.</summary>
public class ProcessMemoryTests
{
    [Fact]
    public void MemoryReport_NamesTheMathEnginesHeap_OnceStarted_BesideTheNetAndNativeHeaps()
    {
        using var math = new MathTypesetter();
        var stopped = ProcessMemory.Measure(math);

        new MarkdownRenderer(math: math).Render("策略梯度 $\\nabla_\\theta J(\\theta) = \\mathbb{E}[\\nabla_\\theta \\log \\pi_\\theta(a|s) Q(s,a)]$");
        var started = ProcessMemory.Measure(math);

        Assert.Equal(0, stopped.MathEngine);
        Assert.True(started.MathEngine > 1 << 20, started.ToString());
        Assert.True(started.Managed >= started.ManagedInUse && started.ManagedInUse > 0, started.ToString());
        Assert.True(started.NativeHeap > 0, started.ToString());
        // No part below 0, even when the heaps count pages that are not resident.
        Assert.Matches(@"^RSS \d+ MB: \.NET heap \d+ MB \(\d+ in use\), math engine \(V8 heap\) \d+ MB, native heap \d+ MB, code, mapped files and stacks \d+ MB$", started.ToString());
    }
}
