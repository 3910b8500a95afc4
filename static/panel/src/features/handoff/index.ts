/** The handoff feature's public entry: other features read and change the record only through these. */
export { HandoffProvider, useHandoff, type HandoffContextValue } from './hooks/HandoffContext';
export { useHandoffLoader, type HandoffStore, type LoadState, type HandoffChange } from './hooks/useHandoffLoader';
export { useSaveForm, type SaveForm } from './hooks/useSaveForm';
export { FormFeedback } from './components/FormFeedback';
export { EditForm, type EditFormProps } from './components/EditForm';
export { TextField, TextAreaField, SelectField, preloadSelect, type SelectGroup, type SelectOption } from './components/fields';
export { ConfirmRemove, type ConfirmRemoveProps } from './components/ConfirmRemove';
export { PanelUiProvider, usePanelUi, useOpen, type PanelUi } from './ui/PanelUi';
export { ids, keys, sectionOf, targetFor, type SectionId, type Target } from './ui/targets';
export { CollapsibleSection, ItemRow, type ChipAppearance } from './components/Collapsible';
