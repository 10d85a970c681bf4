using System.Diagnostics;
using Bench;
using Blog.Content;

// bench helpers:  generate COUNT FOLDER  |  render
switch (args)
{
    case ["generate", var countText, var folder]:
    {
        var count = int.Parse(countText);
        Directory.CreateDirectory(folder);
        var generator = new NoteGenerator(seed: 42);
        var start = new DateTime(2020, 1, 1, 8, 0, 0);
        for (var i = 1; i <= count; i++)
            File.WriteAllText(Path.Combine(folder, $"note-{i:000000}.md"), generator.Note(i, start.AddHours(i * 7)));
        Console.WriteLine($"generated {count} notes in {folder}");
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
    default:
        Console.Error.WriteLine("usage: Bench generate COUNT FOLDER | Bench render");
        return 2;
}
