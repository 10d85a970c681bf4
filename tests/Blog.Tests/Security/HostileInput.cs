namespace Blog.Tests.Security;

/// <summary>
/// Tests that push pathological input and time the answers. They run alone, after the rest of
/// the assembly: each spends up to the render time limit of CPU on purpose, which would slow the
/// tests beside them, and their own two-second checks should measure the app, not the neighbours.
/// </summary>
[CollectionDefinition(nameof(HostileInput), DisableParallelization = true)]
public sealed class HostileInput;
