namespace MusicGen.Engine.Synthesis;

/// <summary>Band-limited step correction (Välimäki &amp; Huovilainen 2007) for naive saw and square waves.</summary>
public static class PolyBlep
{
    public static float Correction(float t, float dt)
    {
        if (t < dt)
        {
            var x = t / dt;
            return x + x - x * x - 1f;
        }

        if (t > 1f - dt)
        {
            var x = (t - 1f) / dt;
            return x * x + x + x + 1f;
        }

        return 0f;
    }

    public static float Saw(float t, float dt) => 2f * t - 1f - Correction(t, dt);

    public static float Square(float t, float dt)
    {
        var half = t + 0.5f;
        if (half >= 1f)
        {
            half -= 1f;
        }

        return (t < 0.5f ? 1f : -1f) + Correction(t, dt) - Correction(half, dt);
    }
}
