using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>Guitar-amp style soft clipping followed by a cabinet-like low-pass around 5 kHz.</summary>
public sealed class Drive
{
    private readonly float preGain;
    private Svf cabinet;
    private Svf lowCut;

    public Drive(float sampleRate, float preGain, float cabinetHz = 5000f)
    {
        this.preGain = preGain;
        cabinet.Set(cabinetHz, 0.8f, sampleRate);
        lowCut.Set(90f, 0.7f, sampleRate);
    }

    public void Process(Span<float> mono)
    {
        for (var n = 0; n < mono.Length; n++)
        {
            var x = lowCut.HighPass(mono[n]) * preGain;
            var clipped = x / (1f + MathF.Abs(x));
            mono[n] = cabinet.LowPass(clipped) * 0.7f;
        }
    }
}
