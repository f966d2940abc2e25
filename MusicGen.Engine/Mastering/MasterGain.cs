namespace MusicGen.Engine.Mastering;

/// <summary>
/// What the master's measuring passes decided: the pre-gain that set the glue compressor's level and
/// the gain into the limiter that lands the song on target.
/// </summary>
internal readonly record struct MasterGain(float PreGain, double LimiterGainDb)
{
    /// <summary>The whole gain from the rendered mix to the limiter's input, in dB (the stems get it too).</summary>
    public double TotalDb => LimiterGainDb + 20 * Math.Log10(PreGain);
}
