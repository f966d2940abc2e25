namespace MusicGen.Core.Usage;

/// <summary>
/// The one row that says how far the usage roll-up has folded: every day before <see cref="RolledThrough"/>
/// is in <see cref="UsageDay"/>, every generation from it on is summed live. Whatever may change a folded
/// day (a retry, a delete) moves it back and bumps <see cref="Version"/>, so a roll-up pass that read the
/// days before that change cannot move it forward over them.
/// </summary>
public sealed class UsageWatermark
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>Midnight UTC; <see cref="DateTimeOffset.MinValue"/> until the first pass.</summary>
    public DateTimeOffset RolledThrough { get; set; }

    public long Version { get; set; }
}
