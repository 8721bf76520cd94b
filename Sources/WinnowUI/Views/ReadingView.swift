/// The reading view's body: metadata, image pane, dialogue (or diff) and the picker box.
struct ReadingView {
    let model: ReadingModel
    let layout: ReviewLayout
    let theme: Theme

    func render(into grid: inout ScreenGrid) {
        if let meta = layout.metadata {
            MetadataView(lines: model.metadata, sideBySide: layout.sideBySide, moreKey: model.metadataKey, theme: theme)
                .render(into: &grid, meta)
        }
        if let r = layout.image, let image = model.image { ImagePaneView(model: image, theme: theme).render(into: &grid, r) }
        if layout.sideBySide {
            let d = layout.dialogue
            // The OCR pane is cut from the dialogue's area: the separator stays at its edge.
            let column = layout.ocr.map { max(d.width, $0.column + $0.width) } ?? d.width
            let bottom = layout.ocr.map { max(d.row + d.height, $0.row + $0.height) } ?? d.row + d.height
            for row in d.row..<bottom {
                grid.put("│", width: 1, row: row, column: column, style: theme.border)
            }
        }
        switch model.dialogue {
        case .diff(let diff): DiffPaneView(model: diff, theme: theme).render(into: &grid, layout.dialogue)
        case .dialogue(let dialogue): DialogueView(model: dialogue, theme: theme).render(into: &grid, layout.dialogue)
        case .message(let text, _): DialogueView.renderMessage(text, theme: theme, into: &grid, layout.dialogue)
        }
        if let r = layout.ocr, let ocr = model.ocr {
            OCRPaneView(model: ocr, theme: theme).render(into: &grid, r)
            OCRPaneView.renderSeparator(left: r, of: layout.dialogue, into: &grid, theme: theme)
        }
        if let r = layout.panel, let conflict = model.conflict { ConflictPanelView(model: conflict, theme: theme, border: layout.sideBySide).render(into: &grid, r) }
        if let stats = model.stats { StatsPanelView(model: stats, theme: theme).render(into: &grid, layout.dialogue) }
        if let picker = model.picker { PickerView(model: picker, theme: theme).render(into: &grid) }
    }
}
