/** A phone-sized screen: the header keeps its primary actions in one row and the rest in a menu. */
import { useMediaQuery } from '@vueuse/core'

export const PHONE_QUERY = '(max-width: 600px)'

export function usePhone() {
  return useMediaQuery(PHONE_QUERY)
}

/** The id of the header's "more" panel, where the secondary actions go on a phone (Vue Teleport target). */
export const MORE_PANEL_ID = 'cl-header-more'
