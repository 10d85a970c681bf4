using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Bench;
using Blog.Content;

// bench helpers:  generate COUNT FOLDER  |  render  |  screenshots NOTES FOLDER  |  math  |  math-note FILE  |  serve URL FILE TYPE
switch (args)
{
    case ["screenshots", var notesText, var folder]:
    {
        // NOTES notes of 20 screenshots each, every screenshot its own (different seeds): 20 × NOTES images.
        var notes = int.Parse(notesText);
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        var bytes = 0L;
        for (var n = 1; n <= notes; n++)
        {
            var body = new System.Text.StringBuilder($"---\ntitle: 截图笔记 {n}：注意力机制的实现与训练\nslug: screenshots-{n}\ndate: 2025-05-{n % 28 + 1:00}\n---\n\n");
            for (var i = 0; i < 20; i++)
            {
                var name = $"image-202405{n % 28 + 1:00}09{i:00}24{n:000}.png";
                var png = new Screenshots(seed: n * 100 + i).Make(i);
                File.WriteAllBytes(Path.Combine(folder, "assets", name), png);
                bytes += png.Length;
                body.Append($"第 {i + 1} 步：先看截图里的代码与日志，再对照公式 $\\mathrm{{softmax}}(QK^T/\\sqrt{{d_k}})V$ 理解。\n\n![{name[..^4]}](assets/{name})\n\n");
            }
            File.WriteAllText(Path.Combine(folder, $"screenshots-{n}.md"), body.ToString());
        }
        Console.WriteLine($"{notes * 20} screenshots (2560×1600 PNG) in {notes} notes: {bytes / 1024.0 / 1024:F1} MB, {bytes / (notes * 20) / 1024} KB each on average");
        return 0;
    }
    case ["generate", var countText, var folder]:
    {
        var count = int.Parse(countText);
        Directory.CreateDirectory(folder);
        // Every note is dated in the past (so all are published), newest last, at most 7 hours apart.
        var newest = new DateTime(2025, 6, 1, 8, 0, 0);
        var step = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(7).Ticks, TimeSpan.FromDays(5 * 365).Ticks / Math.Max(count, 1)));
        var watch = Stopwatch.StartNew();
        // One generator per note, seeded by its number: the same notes whatever the thread order.
        Parallel.For(1, count + 1, i => File.WriteAllText(
            Path.Combine(folder, $"note-{i:000000}.md"),
            new NoteGenerator(seed: 42 + i).Note(i, newest - step * (count - i))));
        Console.WriteLine($"generated {count} notes in {folder} in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
    case ["render"]:
    {
        var markdown = new NoteGenerator(seed: 7).Body(characters: 20_000, formulas: 50, codeBlocks: 10);
        var renderer = new MarkdownRenderer();
        for (var i = 0; i < 20; i++)
            renderer.Render(markdown); // warm up the JIT

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            renderer.Render(markdown);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"render: {markdown.Length:N0} characters, 50 display formulas, 10 code blocks");
        Console.WriteLine($"render: median {times[times.Count / 2]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms over {times.Count} runs");
        return 0;
    }
    case ["math"]:
        return MathBench.Run();
    case ["math-note", var file]:
        File.WriteAllText(file, "---\ntitle: 三百个公式\nslug: math-300\ndate: 2025-01-01 08:00:00\n---\n\n" + MathBench.Note(300, variant: 0));
        return 0;
    case ["serve", var url, var file, var contentType]:
    {
        // What any ASP.NET Core app can reach at best: Kestrel answering every request with the same
        // bytes from memory, and nothing else (no middleware, no log, no compression), on the
        // sockets' own threads as the site answers cached pages (Blog.Hosting.SocketThreads).
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        var body = File.ReadAllBytes(file);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
        });
        app.Run();
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: Bench generate COUNT FOLDER | render | screenshots NOTES FOLDER | math | math-note FILE | serve URL FILE TYPE");
        return 2;
}
