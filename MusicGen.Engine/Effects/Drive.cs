using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>Guitar-amp style soft clipping followed by a cabinet-like low-pass around 5 kHz.</summary>
/// <remarks>Eight samples per step: both filters as <see cref="BlockSvf"/>, the clipper across the lanes.</remarks>
public sealed class Drive
{
    private const int Lanes = 8;

    private readonly float preGain;
    private BlockSvf cabinet;
    private BlockSvf lowCut;

    public Drive(float sampleRate, float preGain, float cabinetHz = 5000f)
    {
        this.preGain = preGain;
        cabinet.Set(cabinetHz, 0.8f, sampleRate, bandPass: false);
        lowCut.SetHighPass(90f, 0.7f, sampleRate);
    }

    public void Process(Span<float> mono)
    {
        var n = 0;
        var gain = Vector256.Create(preGain);
        for (; n + Lanes <= mono.Length; n += Lanes)
        {
            var x = lowCut.Process(Vector256.Create<float>(mono[n..])) * gain;
            var clipped = x / (Vector256<float>.One + Vector256.Abs(x));
            (cabinet.Process(clipped) * Vector256.Create(0.7f)).CopyTo(mono[n..]);
        }

        for (; n < mono.Length; n++)
        {
            var x = lowCut.Tick(mono[n]) * preGain;
            mono[n] = cabinet.Tick(x / (1f + MathF.Abs(x))) * 0.7f;
        }
    }
}
