namespace MusicGen.Engine.Mastering;

/// <summary>Direct-form-I biquad in double precision (the meter's K-weighting stages must be exact).</summary>
public struct Biquad(double b0, double b1, double b2, double a1, double a2)
{
    private double x1, x2, y1, y2;

    public readonly double B0 => b0;

    public readonly double B1 => b1;

    public readonly double B2 => b2;

    public readonly double A1 => a1;

    public readonly double A2 => a2;

    public double Process(double x)
    {
        var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }
}
