namespace MusicGen.Contracts.Accounts;

/// <summary>A new API key. <see cref="Key"/> is shown only here: the server keeps its hash.</summary>
public sealed record ApiKeyCreated(Guid Id, string Name, string Prefix, string Key, DateTimeOffset CreatedAt);
