import CChafa
import WinnowCore

/// Placeholder so the target compiles; the image work replaces it.
public enum WinnowImageVersion {
    public static func canvasWidth() -> Int32 { let c = chafa_canvas_config_new(); defer { chafa_canvas_config_unref(c) }; var w: gint = 0, h: gint = 0; chafa_canvas_config_get_geometry(c, &w, &h); return w }
}
