using MusicGen.Engine;

namespace MusicGen.Cli;

/// <summary>A one-line progress bar on standard error, redrawn only when the shown percentage changes.</summary>
public sealed class ProgressBar : IProgress<GenerationProgress>
{
    private const int Width = 30;
    private int shown = -1;

    public void Report(GenerationProgress value)
    {
        var percent = (int)(value.Fraction * 100);
        if (percent == shown)
        {
            return;
        }

        shown = percent;
        var filled = percent * Width / 100;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% take {value.Variation + 1}/{value.Variations} {value.Stage,-10}");
    }

    public void Finish() => Console.Error.WriteLine();
}
